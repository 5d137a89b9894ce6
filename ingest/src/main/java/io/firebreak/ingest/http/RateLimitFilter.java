package io.firebreak.ingest.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;

/**
 * Per-token rate limit (429 + Retry-After). Runs after authentication, so only a valid token spends its own budget
 * and a flood of forged requests spends nobody's. Signed callbacks carry no token: their resources spend the
 * callback's budget once the signature is verified, so unsigned floods cannot use up what real callbacks need.
 */
@IngestEndpoint
@Priority(Priorities.AUTHORIZATION)
public final class RateLimitFilter implements ContainerRequestFilter {

    /** Request property set by the authentication filter: whose budget the request spends. */
    public static final String PRINCIPAL = "io.firebreak.ingest.principal";

    private final RateLimits limits;

    public RateLimitFilter(RateLimits limits) {
        this.limits = limits;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getProperty(PRINCIPAL) instanceof String principal) {
            limits.spend(principal).ifPresent(request::abortWith);
        }
    }
}
