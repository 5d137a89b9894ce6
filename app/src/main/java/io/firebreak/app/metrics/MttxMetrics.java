package io.firebreak.app.metrics;

import io.firebreak.events.Postmortem;
import io.firebreak.postmortem.report.MttxSample;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code firebreak_mttd_seconds}, {@code firebreak_mtta_seconds}, {@code firebreak_mttm_seconds} and
 * {@code firebreak_mttr_seconds} histograms over every postmortem, one observation per incident (its first
 * postmortem). Stages that never happened (n/a) are not observed, so a never-paged incident does not pull MTTA to 0.
 */
public final class MttxMetrics {

    // 30 s … ~34 h: detection takes seconds, recovery of a bad incident a day
    private static final double[] BUCKETS = {30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400, 28800, 86400, 172800};

    private final Map<String, Histogram> histograms = new ConcurrentHashMap<>();
    private final Set<String> observedIncidents = ConcurrentHashMap.newKeySet();

    public MttxMetrics(PrometheusRegistry registry) {
        help(registry, MttxSample.MTTD_SECONDS, "first signal to alert fired");
        help(registry, MttxSample.MTTA_SECONDS, "first signal to acknowledgement");
        help(registry, MttxSample.MTTM_SECONDS, "first signal to mitigation");
        help(registry, MttxSample.MTTR_SECONDS, "first signal to recovery");
    }

    private void help(PrometheusRegistry registry, String name, String what) {
        histograms.put(name, Histogram.builder().name(name).help("Seconds from " + what + ", one observation per incident postmortem")
                .classicUpperBounds(BUCKETS).classicOnly().register(registry));
    }

    public void observe(Postmortem postmortem) {
        if (!observedIncidents.add(postmortem.getIncidentId())) {
            return;
        }
        MttxSample.of(postmortem).observations().forEach((name, seconds) -> {
            Histogram histogram = histograms.get(name);
            if (histogram != null) {
                histogram.observe(seconds);
            }
        });
    }
}
