package io.firebreak.notifiers.pagerduty;

import io.firebreak.notifiers.Secrets;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how to send PagerDuty events.
 *
 * @param url        the Events API v2 enqueue endpoint (overridable so tests point it at a recording server)
 * @param routingKey the integration key, a secret; empty (or blank, e.g. an unset {@code ${PD_ROUTING_KEY}})
 *                   means "not configured": the channel falls back to the log receiver
 * @param timeout    connect + request timeout of one attempt (contract: 10 s)
 * @param routingKeys integration keys per service ({@code trade-engine}) or team ({@code team:trading-core}), so each
 *                    team's PagerDuty service gets its own incidents; secrets too. The incident's first service wins
 *                    over its team, the team over {@code routingKey}: a lookup that only depends on what never changes
 *                    during an incident, so its acknowledge and resolve reach the same PagerDuty service as its trigger.
 */
public record PagerDutySettings(URI url, Optional<String> routingKey, Duration timeout, Map<String, String> routingKeys) {

    public static final URI DEFAULT_URL = URI.create("https://events.pagerduty.com/v2/enqueue");
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public PagerDutySettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(timeout, "timeout");
        routingKey = Objects.requireNonNull(routingKey, "routingKey").map(String::trim).filter(key -> !key.isEmpty());
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("PagerDuty timeout must be positive, was " + timeout);
        }
        Map<String, String> keys = new LinkedHashMap<>();
        Objects.requireNonNull(routingKeys, "routingKeys").forEach((owner, key) -> {
            if (key != null && !key.isBlank()) {
                keys.put(owner.trim(), key.trim());
            }
        });
        routingKeys = Map.copyOf(keys);
    }

    public PagerDutySettings(URI url, Optional<String> routingKey, Duration timeout) {
        this(url, routingKey, timeout, Map.of());
    }

    /** Whether any routing key is configured: without one the channel is the log receiver. */
    public boolean configured() {
        return routingKey.isPresent() || !routingKeys.isEmpty();
    }

    /** The routing key for an incident: its first service's, else its team's, else the default. */
    public Optional<String> routingKeyFor(List<String> services, Optional<String> team) {
        if (!services.isEmpty() && routingKeys.containsKey(services.get(0))) {
            return Optional.of(routingKeys.get(services.get(0)));
        }
        return team.map(t -> routingKeys.get("team:" + t)).or(() -> routingKey);
    }

    /** Every configured key, to redact from anything PagerDuty echoes back. */
    public List<String> allRoutingKeys() {
        List<String> all = new ArrayList<>(routingKeys.values());
        routingKey.ifPresent(all::add);
        return all;
    }

    /** The public endpoint with the contract's 10 s timeout. */
    public static PagerDutySettings of(Optional<String> routingKey) {
        return new PagerDutySettings(DEFAULT_URL, routingKey, DEFAULT_TIMEOUT);
    }

    /** Never prints the routing key, only its last 4 characters. */
    @Override
    public String toString() {
        return "PagerDutySettings[url=" + url + ", routingKeys for=" + routingKeys.keySet()
                + ", routingKey=" + routingKey.map(Secrets::mask).orElse("<none>") + ", timeout=" + timeout + "]";
    }
}
