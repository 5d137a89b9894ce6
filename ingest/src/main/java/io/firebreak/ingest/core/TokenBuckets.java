package io.firebreak.ingest.core;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One token bucket per principal: {@code burst} requests at once, refilled continuously at {@code perSecond}.
 * Principals are a fixed small set (configured tokens, callback endpoints), so the map stays bounded.
 */
public final class TokenBuckets {

    private final double perSecond;
    private final double burst;
    private final Clock clock;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public TokenBuckets(double perSecond, int burst, Clock clock) {
        if (!(perSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("rate limit needs perSecond > 0 and burst >= 1");
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.clock = clock;
    }

    /** Takes one request from the principal's bucket: empty when allowed, else how long until one is available. */
    public Optional<Duration> tryAcquire(String principal) {
        return buckets.computeIfAbsent(principal, key -> new Bucket(burst, clock.millis())).take(clock.millis());
    }

    private final class Bucket {

        private double tokens;
        private long lastMillis;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.lastMillis = now;
        }

        synchronized Optional<Duration> take(long now) {
            if (now > lastMillis) {
                tokens = Math.min(burst, tokens + (now - lastMillis) * perSecond / 1000.0);
                lastMillis = now;
            }
            if (tokens >= 1) {
                tokens -= 1;
                return Optional.empty();
            }
            return Optional.of(Duration.ofMillis((long) Math.ceil((1 - tokens) * 1000.0 / perSecond)));
        }
    }
}
