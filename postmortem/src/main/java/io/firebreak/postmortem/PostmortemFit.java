package io.firebreak.postmortem;

import io.firebreak.events.LogQuery;
import io.firebreak.events.Postmortem;
import io.firebreak.events.TimelineEntry;
import io.firebreak.schemas.IncidentLimits;
import io.firebreak.schemas.serde.AvroSize;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a postmortem record under {@link IncidentLimits#RECORD_BYTES}, like the incident it is written from. Its facts
 * come from the bounded incident; what can push it over is the attached Loki lines and the rendered Markdown, which
 * repeats the facts, and the log queries of an incident with many services. Over the bound the lines go first (their
 * LogQL and Explore links stay), then the stored Markdown (the API renders it from the facts on request), then the log
 * queries beyond the first {@value #KEPT_LOG_QUERIES} and the metric queries beyond the first {@value #KEPT_METRIC_QUERIES};
 * the oldest timeline entries last, which an incident within its own limits never needs.
 */
public final class PostmortemFit {

    private PostmortemFit() {
    }

    /** Log queries kept when the record is still too large: those of the first services (root cause first). */
    static final int KEPT_LOG_QUERIES = 8;

    /** Metric queries kept when the record is still too large: the default templates of the first two services. */
    static final int KEPT_METRIC_QUERIES = 10;

    /** The postmortem, trimmed in place when needed; returns what was dropped, empty when nothing was. */
    public static List<String> fit(Postmortem postmortem) {
        List<String> dropped = new ArrayList<>();
        if (size(postmortem) <= IncidentLimits.RECORD_BYTES) {
            return dropped;
        }
        postmortem.setLogQueries(postmortem.getLogQueries().stream().map(PostmortemFit::withoutLines).toList());
        dropped.add("log lines");
        if (size(postmortem) > IncidentLimits.RECORD_BYTES) {
            postmortem.setMarkdown(null);
            dropped.add("markdown");
        }
        if (size(postmortem) > IncidentLimits.RECORD_BYTES && postmortem.getLogQueries().size() > KEPT_LOG_QUERIES) {
            dropped.add((postmortem.getLogQueries().size() - KEPT_LOG_QUERIES) + " log queries");
            postmortem.setLogQueries(List.copyOf(postmortem.getLogQueries().subList(0, KEPT_LOG_QUERIES)));
        }
        if (size(postmortem) > IncidentLimits.RECORD_BYTES && postmortem.getMetricQueries().size() > KEPT_METRIC_QUERIES) {
            dropped.add((postmortem.getMetricQueries().size() - KEPT_METRIC_QUERIES) + " metric queries");
            postmortem.setMetricQueries(List.copyOf(postmortem.getMetricQueries().subList(0, KEPT_METRIC_QUERIES)));
        }
        // the facts of an incident at every limit fit; this only guards against a limit raised without this check
        List<TimelineEntry> timeline = new ArrayList<>(postmortem.getTimeline());
        int omitted = 0;
        while (size(postmortem) > IncidentLimits.RECORD_BYTES && timeline.size() > 1) {
            timeline.subList(0, Math.max(1, timeline.size() / 10)).clear();
            omitted = postmortem.getTimeline().size() - timeline.size();
            postmortem.setTimeline(List.copyOf(timeline));
        }
        if (omitted > 0) {
            dropped.add(omitted + " oldest timeline entries");
        }
        return dropped;
    }

    private static LogQuery withoutLines(LogQuery query) {
        return LogQuery.newBuilder(query).setLines(List.of()).build();
    }

    /** Serialized size in bytes (Avro binary, without the 5-byte wire-format header). */
    public static int size(Postmortem postmortem) {
        return AvroSize.of(postmortem);
    }
}
