package io.firebreak.app.metrics;

import io.firebreak.app.view.IncidentSummary;
import io.firebreak.events.Severity;
import io.firebreak.events.Stage;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * {@code alert_incidents_open{cluster, severity, stage}}: firebreak's open incidents, for the seed's global view, which
 * federates {@code alert_.*} from every region. Every severity and stage of a cluster firebreak knows an incident of is
 * present (0 when none is open), so a panel or a rule sees a cluster's incidents close instead of its series vanish.
 */
public final class OpenIncidentMetrics {

    private OpenIncidentMetrics() {
    }

    /** {@code incidents}: the read model's incidents (open and closed), read at scrape time. */
    public static void register(PrometheusRegistry registry, Supplier<? extends Collection<IncidentSummary>> incidents) {
        GaugeWithCallback.builder().name("alert_incidents_open")
                .help("Open firebreak incidents by cluster, severity and stage")
                .labelNames("cluster", "severity", "stage")
                .callback(callback -> {
                    Collection<IncidentSummary> all = incidents.get();
                    Map<List<String>, Integer> open = new HashMap<>();
                    TreeSet<String> clusters = new TreeSet<>();
                    for (IncidentSummary incident : all) {
                        clusters.add(incident.cluster());
                        if (!incident.closed()) {
                            open.merge(List.of(incident.cluster(), label(incident.severity()), label(incident.stage())), 1, Integer::sum);
                        }
                    }
                    for (String cluster : clusters) {
                        for (Severity severity : Severity.values()) {
                            for (Stage stage : Stage.values()) {
                                List<String> labels = List.of(cluster, label(severity), label(stage));
                                callback.call(open.getOrDefault(labels, 0), labels.toArray(String[]::new));
                            }
                        }
                    }
                })
                .register(registry);
    }

    private static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
