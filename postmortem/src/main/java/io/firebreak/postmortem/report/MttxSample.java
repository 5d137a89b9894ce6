package io.firebreak.postmortem.report;

import io.firebreak.events.Postmortem;
import io.firebreak.events.Severity;
import io.firebreak.postmortem.Mttx;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The MTTx values of one postmortem, free of any metrics library: the app feeds {@link #observations()} into
 * its Prometheus histograms ({@code firebreak_mttr_seconds} ...), one observation per incident. Metrics that
 * do not apply are absent, so they never pull a histogram towards zero.
 */
public record MttxSample(String incidentId, String cluster, Severity severity, Instant startedAt, int revision, Mttx mttx) {

    public static final String MTTD_SECONDS = "firebreak_mttd_seconds";
    public static final String MTTA_SECONDS = "firebreak_mtta_seconds";
    public static final String MTTM_SECONDS = "firebreak_mttm_seconds";
    public static final String MTTR_SECONDS = "firebreak_mttr_seconds";

    public static MttxSample of(Postmortem postmortem) {
        return new MttxSample(postmortem.getIncidentId(), postmortem.getCluster(), postmortem.getSeverity(),
                postmortem.getStartedAt(), postmortem.getRevision(), Mttx.of(postmortem));
    }

    /** Metric name → seconds, only for the metrics that apply, in the order MTTD, MTTA, MTTM, MTTR. */
    public Map<String, Long> observations() {
        Map<String, Long> values = new LinkedHashMap<>();
        put(values, MTTD_SECONDS, mttx.mttdSeconds());
        put(values, MTTA_SECONDS, mttx.mttaSeconds());
        put(values, MTTM_SECONDS, mttx.mttmSeconds());
        put(values, MTTR_SECONDS, mttx.mttrSeconds());
        return values;
    }

    private static void put(Map<String, Long> values, String name, OptionalLong seconds) {
        seconds.ifPresent(s -> values.put(name, s));
    }
}
