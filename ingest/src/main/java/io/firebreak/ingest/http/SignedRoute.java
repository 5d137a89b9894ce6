package io.firebreak.ingest.http;

import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * A signed callback route: its signature verifier and the budget its verified requests spend. Only a request whose
 * signature holds spends it, so a flood of forged callbacks cannot use up what the real ones need; the budget is keyed
 * by the route template, so path variants ({@code /v1/callbacks/slack;n=1}) are the same route.
 */
public record SignedRoute<S>(S signature, RateLimits limits, String template) {

    /** Spends one request of this route's budget: empty when allowed, else the 429 to answer. */
    public Optional<Response> spend() {
        return limits.spend("callback:" + template);
    }
}
