package io.firebreak.slo;

import java.util.Optional;

/**
 * What the engine remembers per SLO besides its buckets: cumulative counts (exported as counters, so they must
 * survive restarts — they live in a changelogged store), the cluster seen last, and each alert kind's state.
 *
 * @param page   the firing page alert, null when none
 * @param ticket the firing ticket alert, null when none
 */
record SloState(String cluster, long good, long total, long dropped, ActiveAlert page, ActiveAlert ticket) {

    static final SloState EMPTY = new SloState(null, 0, 0, 0, null, null);

    /** An alert that fired at {@code since} (first exceeded) because of {@code tier}. */
    record ActiveAlert(long since, String tier) {
    }

    SloState counted(long addGood, long addTotal, Optional<String> seenCluster) {
        return new SloState(seenCluster.orElse(cluster), good + addGood, total + addTotal, dropped, page, ticket);
    }

    SloState dropped(long count) {
        return new SloState(cluster, good, total, dropped + count, page, ticket);
    }

    SloState withAlerts(ActiveAlert newPage, ActiveAlert newTicket) {
        return new SloState(cluster, good, total, dropped, newPage, newTicket);
    }
}
