package io.firebreak.notifiers;

import java.time.Duration;

/** Retry policies for tests. */
final class TestPolicies {

    /** Fast enough for a test, the same shape as production. */
    static final RetryPolicy FAST = RetryPolicy.defaults()
            .withBackoff(Duration.ofMillis(50), Duration.ofMillis(200))
            .withRateLimitBackoff(Duration.ofMillis(100));

    private TestPolicies() {
    }
}
