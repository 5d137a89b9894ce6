package io.firebreak.ingest.http;

import io.firebreak.ingest.core.TokenBuckets;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Optional;

/**
 * Per-token rate limit (429 + Retry-After). Runs after authentication, so only a valid token spends its own budget
 * and a flood of forged requests spends nobody's. Signed callbacks carry no token: they share one budget per
 * endpoint (PagerDuty and Slack each), which PagerDuty honours by retrying 429 later.
 */
@IngestEndpoint
@Priority(Priorities.AUTHORIZATION)
public final class RateLimitFilter implements ContainerRequestFilter {

    /** Request property set by the authentication filter: whose budget the request spends. */
    public static final String PRINCIPAL = "io.firebreak.ingest.principal";

    private final TokenBuckets buckets;

    public RateLimitFilter(TokenBuckets buckets) {
        this.buckets = buckets;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String principal = request.getProperty(PRINCIPAL) instanceof String name ? name : "path:" + request.getUriInfo().getPath();
        Optional<Duration> wait = buckets.tryAcquire(principal);
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            request.abortWith(Response.fromResponse(ErrorResponses.of(429, "rate_limited",
                            "more requests than this token's rate limit allows; retry after " + seconds + " s"))
                    .header("Retry-After", Long.toString(seconds))
                    .build());
        }
    }
}
