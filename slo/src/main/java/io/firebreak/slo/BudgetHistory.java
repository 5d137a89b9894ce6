package io.firebreak.slo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An SLO's error budget remaining over its period, for the dashboard's budget chart, in bounded memory: at most
 * {@value #POINTS} points at least {@code period / POINTS} apart, the last one always the newest value read. Points
 * older than the period fall off. It holds what {@code firebreak.burn.v1} still had when the view read it: the topic is
 * compacted, so after a restart the chart starts at the oldest BurnRate not yet compacted away.
 */
public final class BudgetHistory {

    static final int POINTS = 720;

    /** One sample: the budget remaining (a ratio, negative when overspent) at {@code at}. */
    public record Point(Instant at, double budgetRemaining) {
    }

    private final Duration period;
    private final Duration spacing;
    private final List<Point> points = new ArrayList<>();

    public BudgetHistory(Duration period) {
        this.period = period;
        this.spacing = period.dividedBy(POINTS);
    }

    /** Takes a newer value; an older one (a replayed record) is ignored. */
    public synchronized void add(Instant at, double budgetRemaining) {
        Point point = new Point(at, budgetRemaining);
        int size = points.size();
        if (size > 0 && at.isBefore(points.get(size - 1).at())) {
            return;
        }
        // the newest point moves along until it is a full spacing past the one before it, then it stays
        if (size >= 2 && Duration.between(points.get(size - 2).at(), points.get(size - 1).at()).compareTo(spacing) < 0) {
            points.set(size - 1, point);
        } else {
            points.add(point);
        }
        Instant oldest = at.minus(period);
        while (points.size() > POINTS || (points.size() > 1 && points.get(0).at().isBefore(oldest))) {
            points.remove(0);
        }
    }

    public synchronized List<Point> points() {
        return List.copyOf(points);
    }
}
