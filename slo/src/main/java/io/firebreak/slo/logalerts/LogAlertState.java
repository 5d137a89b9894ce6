package io.firebreak.slo.logalerts;

import io.firebreak.events.Severity;
import java.util.Optional;

/**
 * What one rule knows about one cluster and service: its recent matching lines and whether it fires. It fires once,
 * when the count reaches the threshold (the episode starts at the line that reached it), stays silent while the count
 * stays there, and resolves when the window holds fewer lines than the threshold.
 *
 * @param firingSince the episode's start (ms) while firing, else -1
 * @param severity    the severity the episode fired with, so its RESOLVED matches it even after the rule changed
 */
public record LogAlertState(String rule, String cluster, String service, LineCounts lines, long firingSince, Severity severity) {

    private static final long QUIET = -1;

    /** A firing or resolved Signal to write: the episode it belongs to and the lines in the window now. */
    public record Change(boolean firing, long startsAt, long lines, Severity severity) {
    }

    public record Step(LogAlertState next, Optional<Change> change) {
    }

    public static LogAlertState quiet(LogAlertRule rule, String cluster, String service) {
        return new LogAlertState(rule.name(), cluster, service, LineCounts.empty(rule.within()), QUIET, rule.severity());
    }

    public boolean firing() {
        return firingSince != QUIET;
    }

    /** Nothing left to remember: not firing and no line in the window. */
    public boolean idle() {
        return !firing() && lines.isEmpty();
    }

    /**
     * One matching line stamped {@code at}, judged at {@code now}. A line older than the window cannot make it fire (a
     * replay of old logs stays quiet); one stamped in the future (clock skew) counts now.
     */
    public Step counted(LogAlertRule rule, long at, long now) {
        if (at <= now - rule.within().toMillis()) {
            return new Step(this, Optional.empty());
        }
        long when = Math.min(at, now);
        LineCounts counts = lines.bucketMillis() == LineCounts.bucketMillis(rule.within()) ? lines : LineCounts.empty(rule.within());
        counts = counts.add(when, rule.within(), now);
        long count = counts.count(rule.within(), now);
        if (!firing() && count >= rule.count()) {
            return new Step(new LogAlertState(this.rule, cluster, service, counts, when, rule.severity()),
                    Optional.of(new Change(true, when, count, rule.severity())));
        }
        return new Step(new LogAlertState(this.rule, cluster, service, counts, firingSince, severity), Optional.empty());
    }

    /** The window at {@code now}: resolves a firing episode whose window fell below the threshold. */
    public Step evaluated(LogAlertRule rule, long now) {
        LineCounts counts = lines.pruned(rule.within(), now);
        long count = counts.count(rule.within(), now);
        if (firing() && count < rule.count()) {
            return new Step(new LogAlertState(this.rule, cluster, service, counts, QUIET, severity),
                    Optional.of(new Change(false, firingSince, count, severity)));
        }
        return new Step(new LogAlertState(this.rule, cluster, service, counts, firingSince, severity), Optional.empty());
    }

    /** The rule is gone from the config: a firing episode resolves, nothing else is kept. */
    public Optional<Change> removed() {
        return firing() ? Optional.of(new Change(false, firingSince, 0, severity)) : Optional.empty();
    }
}
