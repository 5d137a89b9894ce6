package io.firebreak.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.ingest.IngestSettings;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The budgets built from {@code ingest.rateLimit}, as both the ingest role and an API-only instance build them. */
class RateLimitsTest {

    /** A stopped clock: nothing refills during the test. */
    private final RateLimits limits = RateLimits.of(new IngestSettings.RateLimit(0.25, 2), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

    @Test
    void aKeyOverItsBurstIsAnswered429WithTheSecondsUntilItsNextRequestInRetryAfter() {
        assertThat(limits.spend("token:grafana")).isEmpty();
        assertThat(limits.spend("token:grafana")).isEmpty();

        Optional<Response> refused = limits.spend("token:grafana");

        assertThat(refused).hasValueSatisfying(answer -> {
            assertThat(answer.getStatus()).isEqualTo(429);
            assertThat(answer.getHeaderString("Retry-After")).as("one request per 4 s").isEqualTo("4");
        });
        assertThat(limits.spend("token:ci")).as("another key has its own budget").isEmpty();
    }
}
