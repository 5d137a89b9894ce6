package io.firebreak.streams.lifecycle;

import io.firebreak.events.Incident;
import io.firebreak.events.Stage;
import io.firebreak.events.TimelineEntry;
import io.firebreak.schemas.CoreTypes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Moves an incident record through the runbook's stages by the core's table
 * ({@link io.firebreak.core.incident.Stage#mayMoveTo}): every move is a timeline entry with cause, actor and evidence,
 * the state is the furthest stage reached, and a stage's side effects (timestamps) are set here. The notifications a
 * move causes are the router's job. The only backward move is a {@link #reopen}.
 */
public final class StageMachine {

    private StageMachine() {
    }

    public static boolean allowed(Stage from, Stage to) {
        return CoreTypes.stage(from).mayMoveTo(CoreTypes.stage(to));
    }

    /** Whether the incident's timeline already records this stage since its last reopen. */
    public static boolean reached(Incident incident, Stage stage) {
        List<TimelineEntry> timeline = incident.getTimeline();
        for (int i = timeline.size() - 1; i >= 0; i--) {
            TimelineEntry entry = timeline.get(i);
            if (stage.equals(entry.getStage())) {
                return true;
            }
            if ("reopen".equals(entry.getKind()) && CoreTypes.stage(stage).isUndoneByReopen()) {
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
     * the stage {@link io.firebreak.core.incident.Stage#reopenedAt} names; mitigation and recovery must happen again.
     */
    public static void reopen(Incident incident, Instant at, String cause, List<String> evidence) {
        Stage back = CoreTypes.stage(io.firebreak.core.incident.Stage.reopenedAt(incident.getTimeline().stream().map(TimelineEntry::getStage)
                .filter(Objects::nonNull).map(CoreTypes::stage).toList()));
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
        return CoreTypes.facts(incident).active();
    }
}
