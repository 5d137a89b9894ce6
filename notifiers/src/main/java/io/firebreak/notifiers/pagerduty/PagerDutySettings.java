package io.firebreak.notifiers.pagerduty;

import io.firebreak.notifiers.Secrets;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how to send PagerDuty events.
 *
 * @param url        the Events API v2 enqueue endpoint (overridable so tests point it at a recording server)
 * @param routingKey the integration key, a secret; empty (or blank, e.g. an unset {@code ${PD_ROUTING_KEY}})
 *                   means "not configured": the channel falls back to the log receiver
 * @param timeout    connect + request timeout of one attempt (contract: 10 s)
 */
public record PagerDutySettings(URI url, Optional<String> routingKey, Duration timeout) {

    public static final URI DEFAULT_URL = URI.create("https://events.pagerduty.com/v2/enqueue");
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public PagerDutySettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(timeout, "timeout");
        routingKey = Objects.requireNonNull(routingKey, "routingKey").map(String::trim).filter(key -> !key.isEmpty());
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("PagerDuty timeout must be positive, was " + timeout);
        }
    }

    /** The public endpoint with the contract's 10 s timeout. */
    public static PagerDutySettings of(Optional<String> routingKey) {
        return new PagerDutySettings(DEFAULT_URL, routingKey, DEFAULT_TIMEOUT);
    }

    /** Never prints the routing key, only its last 4 characters. */
    @Override
    public String toString() {
        return "PagerDutySettings[url=" + url + ", routingKey=" + routingKey.map(Secrets::mask).orElse("<none>")
                + ", timeout=" + timeout + "]";
    }
}
