package io.firebreak.postmortem.logs;

import io.firebreak.events.LogQuery;
import io.firebreak.events.Postmortem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches the top lines of every log query of a postmortem from Loki and attaches them. When Loki fails the
 * postmortem is still produced: lines stay empty and the summary gets a note saying why.
 * After Loki proved unreachable the remaining queries are not tried, so a down Loki costs one timeout, not
 * one per query.
 */
public final class LogLinesAttacher {

    private static final Logger LOG = LoggerFactory.getLogger(LogLinesAttacher.class);

    private final LokiClient loki;
    private final Duration padding;
    private final int maxLines;

    public LogLinesAttacher(LokiClient loki, Duration padding, int maxLines) {
        this.loki = Objects.requireNonNull(loki, "loki");
        this.padding = Objects.requireNonNull(padding, "padding");
        this.maxLines = maxLines;
    }

    /** A copy of the postmortem with lines attached; the window is the one its links use. */
    public Postmortem attach(Postmortem postmortem) {
        Postmortem copy = shallowCopy(postmortem);
        Instant windowEnd = Optional.ofNullable(copy.getEndedAt()).orElse(copy.getGeneratedAt());
        LogWindow window = LogWindow.around(copy.getStartedAt(), Optional.of(windowEnd), copy.getGeneratedAt(), padding);
        Set<String> failures = new LinkedHashSet<>();
        boolean reachable = true;
        List<LogQuery> queries = new ArrayList<>();
        for (LogQuery query : copy.getLogQueries()) {
            LogQuery attached = new LogQuery(query.getName(), query.getLogql(), query.getExploreUrl(),
                    query.getQueryRangeUrl(), query.getLines());
            if (reachable && maxLines > 0) {
                LokiResult result = loki.queryRange(query.getLogql(), window, maxLines);
                attached.setLines(result.lines());
                result.failure().ifPresent(failures::add);
                reachable = result.reachable();
            }
            queries.add(attached);
        }
        copy.setLogQueries(queries);
        if (!failures.isEmpty()) {
            LOG.warn("event=log_lines_missing incident={} reasons=\"{}\"", copy.getIncidentId(), String.join("; ", failures));
            copy.setSummary(copy.getSummary() + " Note: log lines could not be fetched from Loki ("
                    + String.join("; ", failures) + "); use the query links below.");
        }
        return copy;
    }

    /** Field by field through Avro's indexed accessors: no deep copy, which would need Avro's class trust list. */
    static Postmortem shallowCopy(Postmortem source) {
        Postmortem copy = new Postmortem();
        for (int field = 0; field < Postmortem.getClassSchema().getFields().size(); field++) {
            copy.put(field, source.get(field));
        }
        return copy;
    }
}
