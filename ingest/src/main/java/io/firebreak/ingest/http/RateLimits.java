package io.firebreak.ingest.http;

import io.firebreak.ingest.IngestSettings;
import io.firebreak.ingest.core.TokenBuckets;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The request budgets, spent only by requests that proved who sent them: a bearer token (keyed by its name, so a
 * rotated pair shares one budget) or a verified callback signature (keyed by the callback's route). Keys never come
 * from the raw request, so their number is fixed by the configuration and the memory stays bounded.
 */
public final class RateLimits {

    private final TokenBuckets buckets;

    private RateLimits(TokenBuckets buckets) {
        this.buckets = buckets;
    }

    /** The budgets of {@code ingest.rateLimit}: the ingest role's and, on an API-only instance, the read API's. */
    public static RateLimits of(IngestSettings.RateLimit limit, Clock clock) {
        return new RateLimits(new TokenBuckets(limit.requestsPerSecond(), limit.burst(), clock));
    }

    /** Spends one request of {@code key}'s budget: empty when allowed, else the 429 (with {@code Retry-After}) to answer. */
    public Optional<Response> spend(String key) {
        Optional<Duration> wait = buckets.tryAcquire(key);
        if (wait.isEmpty()) {
            return Optional.empty();
        }
        long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
        return Optional.of(Response.fromResponse(ErrorResponses.of(429, "rate_limited",
                        "more requests than this sender's rate limit allows; retry after " + seconds + " s"))
                .header("Retry-After", Long.toString(seconds))
                .build());
    }
}
