package io.firebreak.streams.lifecycle;

import static io.firebreak.events.Stage.ALERT_FIRED;
import static io.firebreak.events.Stage.MITIGATED;
import static io.firebreak.events.Stage.PAGED;
import static io.firebreak.events.Stage.POSTMORTEM_PUBLISHED;
import static io.firebreak.events.Stage.RCA_GENERATED;
import static io.firebreak.events.Stage.RECOVERED;
import static io.firebreak.events.Stage.SIGNAL_DETECTED;
import static io.firebreak.events.Stage.SLO_BURN_ANALYZED;
import static io.firebreak.events.Stage.WAR_ROOM_OPEN;

import io.firebreak.events.Incident;
import io.firebreak.events.Stage;
import io.firebreak.events.TimelineEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The runbook of DESIGN §5 as one table: from each stage, the stages an incident may move to. The state is
 * the furthest stage reached; stages that do not apply are skipped (a LOW incident never pages, a HIGH one
 * has no PD page, a person may mitigate or confirm recovery before any page went out). Enrichment stages
 * (RCA_GENERATED, SLO_BURN_ANALYZED) and PAGED / WAR_ROOM_OPEN after an escalation may be reached late:
 * they are recorded in the timeline when they happen but never move the state backwards.
 *
 * <p>Side effects of a transition (timestamps) live in {@link #enter}; the notifications a transition
 * causes are the router's job. The only backward move is a reopen (RECOVERED → the furthest stage before
 * MITIGATED), see {@link #reopen}.
 */
public final class StageMachine {

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

    private StageMachine() {
    }

    public static boolean allowed(Stage from, Stage to) {
        return NEXT.get(from).contains(to);
    }

    /** Whether the incident's timeline already records this stage since its last reopen. */
    public static boolean reached(Incident incident, Stage stage) {
        List<TimelineEntry> timeline = incident.getTimeline();
        for (int i = timeline.size() - 1; i >= 0; i--) {
            TimelineEntry entry = timeline.get(i);
            if (stage.equals(entry.getStage())) {
                return true;
            }
            if ("reopen".equals(entry.getKind()) && stage.compareTo(MITIGATED) >= 0) {
                return false; // MITIGATED / RECOVERED are reached again after a reopen
            }
        }
        return false;
    }

    /**
     * Moves the incident into {@code stage}: a timeline entry with cause, actor and evidence, the state
     * raised to the furthest stage, the stage's timestamp. No-op when the stage was already reached (so a
     * replay never writes it twice). Throws on a move the table forbids: callers check {@link #allowed} and
     * turn a person's misfit command into a rejection instead.
     */
    public static boolean enter(Incident incident, Stage stage, Instant at, String cause, String actor, List<String> evidence) {
        if (reached(incident, stage)) {
            return false;
        }
        if (!allowed(incident.getStage(), stage)) {
            throw new IllegalStateException("incident " + incident.getId() + ": " + incident.getStage() + " -> " + stage + " is not a runbook move");
        }
        List<TimelineEntry> timeline = new ArrayList<>(incident.getTimeline());
        timeline.add(Timeline.entry(at, stage, "transition", cause, actor, evidence));
        incident.setTimeline(timeline);
        Timeline.bound(incident);
        if (stage.compareTo(incident.getStage()) > 0) {
            incident.setStage(stage);
        }
        switch (stage) {
            case MITIGATED -> incident.setMitigatedAt(at);
            case RECOVERED -> incident.setRecoveredAt(at);
            case POSTMORTEM_PUBLISHED -> incident.setClosed(true);
            default -> {
            }
        }
        return true;
    }

    /**
     * Enters a stage the incident reaches by itself (RCA, burn analysis, page, war room) when it fits: not
     * reached yet and allowed from the current stage. Such stages may come late or not apply, so a misfit is
     * skipped, never thrown. Returns whether the stage was entered.
     */
    public static boolean advance(Incident incident, Stage stage, Instant at, String cause, List<String> evidence) {
        if (reached(incident, stage) || !allowed(incident.getStage(), stage)) {
            return false;
        }
        return enter(incident, stage, at, cause, Timeline.ACTOR, evidence);
    }

    /**
     * Reopen (DESIGN §5): a new firing signal before POSTMORTEM_PUBLISHED brings a recovered incident back to
     * the furthest stage it had reached before MITIGATED; mitigation and recovery must happen again.
     */
    public static void reopen(Incident incident, Instant at, String cause, List<String> evidence) {
        Stage back = ALERT_FIRED;
        for (TimelineEntry entry : incident.getTimeline()) {
            Stage stage = entry.getStage();
            if (stage != null && stage.compareTo(MITIGATED) < 0 && stage.compareTo(back) > 0) {
                back = stage;
            }
        }
        List<TimelineEntry> timeline = new ArrayList<>(incident.getTimeline());
        timeline.add(Timeline.entry(at, null, "reopen", cause + "; back to " + back, Timeline.ACTOR, evidence));
        incident.setTimeline(timeline);
        Timeline.bound(incident);
        incident.setStage(back);
        incident.setReopens(incident.getReopens() + 1);
        incident.setClosed(false);
        incident.setMitigatedAt(null);
        incident.setRecoveredAt(null);
        incident.setResolvedAt(null);
    }

    /** Open: neither recovered nor closed, so new signals join and commands like mitigate fit. */
    public static boolean active(Incident incident) {
        return !incident.getClosed() && incident.getStage().compareTo(RECOVERED) < 0;
    }
}
