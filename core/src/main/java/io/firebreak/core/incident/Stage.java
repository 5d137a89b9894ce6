package io.firebreak.core.incident;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The runbook of DESIGN §5 as states, in order, with one table of the moves between them. The state is the furthest
 * stage reached; stages that do not apply are skipped (a LOW incident never pages, a HIGH one has no PD page, a person
 * may mitigate or confirm recovery before any page went out). Enrichment stages (RCA_GENERATED, SLO_BURN_ANALYZED) and
 * PAGED / WAR_ROOM_OPEN after an escalation may be reached late: they are recorded when they happen but never move the
 * state backwards. The only backward move is a reopen (RECOVERED → {@link #reopenedAt}).
 */
public enum Stage {
    SIGNAL_DETECTED, ALERT_FIRED, RCA_GENERATED, SLO_BURN_ANALYZED, PAGED, WAR_ROOM_OPEN, MITIGATED, RECOVERED,
    POSTMORTEM_PUBLISHED;

    private static final Map<Stage, Set<Stage>> NEXT = new EnumMap<>(Stage.class);

    static {
        NEXT.put(SIGNAL_DETECTED, EnumSet.of(ALERT_FIRED));
        NEXT.put(ALERT_FIRED, EnumSet.of(RCA_GENERATED, SLO_BURN_ANALYZED, PAGED, WAR_ROOM_OPEN, MITIGATED, RECOVERED));
        NEXT.put(RCA_GENERATED, EnumSet.of(SLO_BURN_ANALYZED, PAGED, WAR_ROOM_OPEN, MITIGATED, RECOVERED));
        NEXT.put(SLO_BURN_ANALYZED, EnumSet.of(RCA_GENERATED, PAGED, WAR_ROOM_OPEN, MITIGATED, RECOVERED));
        NEXT.put(PAGED, EnumSet.of(RCA_GENERATED, SLO_BURN_ANALYZED, WAR_ROOM_OPEN, MITIGATED, RECOVERED));
        NEXT.put(WAR_ROOM_OPEN, EnumSet.of(RCA_GENERATED, SLO_BURN_ANALYZED, PAGED, MITIGATED, RECOVERED));
        NEXT.put(MITIGATED, EnumSet.of(RCA_GENERATED, SLO_BURN_ANALYZED, PAGED, WAR_ROOM_OPEN, RECOVERED));
        NEXT.put(RECOVERED, EnumSet.of(RCA_GENERATED, SLO_BURN_ANALYZED, POSTMORTEM_PUBLISHED));
        NEXT.put(POSTMORTEM_PUBLISHED, EnumSet.noneOf(Stage.class));
    }

    /** Whether the runbook lets an incident in this stage move to {@code next}. */
    public boolean mayMoveTo(Stage next) {
        return NEXT.get(this).contains(next);
    }

    /** RECOVERED or later: nothing is left to acknowledge, mitigate or confirm. */
    public boolean isOver() {
        return compareTo(RECOVERED) >= 0;
    }

    /** MITIGATED and later must be reached again after a reopen; the earlier stages stay reached. */
    public boolean isUndoneByReopen() {
        return compareTo(MITIGATED) >= 0;
    }

    /**
     * Where a reopened incident stands (DESIGN §5: a new firing signal before POSTMORTEM_PUBLISHED): the furthest of
     * the stages it had reached before MITIGATED, at least ALERT_FIRED; mitigation and recovery must happen again.
     */
    public static Stage reopenedAt(Iterable<Stage> reached) {
        Stage back = ALERT_FIRED;
        for (Stage stage : reached) {
            if (!stage.isUndoneByReopen() && stage.compareTo(back) > 0) {
                back = stage;
            }
        }
        return back;
    }
}
