package io.firebreak.app.metrics;

import io.firebreak.app.view.IncidentSummary;
import io.firebreak.core.channel.Receiver;
import io.firebreak.events.TriggerDelivery;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Issue 17: what a Prometheus rule pages on through a second route while a channel is down, computed from the incidents
 * at each scrape.
 * <ul>
 *   <li>{@code firebreak_page_pending_seconds{incident, receiver}}: how long a page (a receiver that pages, PagerDuty)
 *       has been waiting for its receiver's acceptance; absent once accepted, so {@code > 60} means "not paged";</li>
 *   <li>{@code firebreak_channel_failing{channel}}: 1 while a channel refuses or gave up on a first notification, else 0;
 *       every channel is listed, so a rule sees the 1 → 0 of its recovery.</li>
 * </ul>
 * Registered with the Prometheus registry directly, under their final names.
 */
public final class PagingMetrics {

    public static final String PAGE_PENDING_SECONDS = "firebreak_page_pending_seconds";
    public static final String CHANNEL_FAILING = "firebreak_channel_failing";

    private PagingMetrics() {
    }

    public static void register(PrometheusRegistry registry, Supplier<? extends Iterable<IncidentSummary>> incidents, Clock clock) {
        GaugeWithCallback.builder().name(PAGE_PENDING_SECONDS)
                .help("Seconds since routing decided a page its receiver has not accepted yet (absent once accepted)")
                .labelNames("incident", "receiver")
                .callback(gauge -> {
                    Instant now = clock.instant();
                    for (IncidentSummary incident : incidents.get()) {
                        for (TriggerDelivery trigger : incident.triggers()) {
                            if (pending(incident, trigger) && Receiver.paging(trigger.getReceiver())) {
                                gauge.call(Math.max(0, Duration.between(trigger.getDecidedAt(), now).toMillis() / 1000.0),
                                        incident.id(), trigger.getReceiver());
                            }
                        }
                    }
                })
                .register(registry);
        GaugeWithCallback.builder().name(CHANNEL_FAILING)
                .help("1 while the channel refuses or gave up on an incident's first notification, else 0")
                .labelNames("channel")
                .callback(gauge -> failingChannels(incidents.get()).forEach((channel, failing) -> gauge.call(failing ? 1 : 0, channel)))
                .register(registry);
    }

    static Map<String, Boolean> failingChannels(Iterable<IncidentSummary> incidents) {
        Map<String, Boolean> failing = new TreeMap<>();
        for (Receiver receiver : Receiver.values()) {
            failing.put(receiver.channel().id(), false);
        }
        for (IncidentSummary incident : incidents) {
            for (TriggerDelivery trigger : incident.triggers()) {
                if (pending(incident, trigger) && (trigger.getAttempts() > 0 || trigger.getGaveUpAt() != null)) {
                    failing.put(trigger.getChannel(), true);
                }
            }
        }
        return failing;
    }

    /** Not accepted, and the incident still open: a recovered or closed incident's old page is nobody's emergency. */
    private static boolean pending(IncidentSummary incident, TriggerDelivery trigger) {
        return trigger.getAcceptedAt() == null && !incident.closed() && !incident.recovered();
    }
}
