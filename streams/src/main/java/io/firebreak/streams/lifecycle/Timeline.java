package io.firebreak.streams.lifecycle;

import io.firebreak.events.Incident;
import io.firebreak.events.TimelineEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Non-transition timeline entries (signal, note, rejected, enrichment, escalation, notified...). */
public final class Timeline {

    public static final String ACTOR = "firebreak";

    private Timeline() {
    }

    public static void add(Incident incident, Instant at, String kind, String cause, String actor, List<String> evidence) {
        List<TimelineEntry> timeline = new ArrayList<>(incident.getTimeline());
        timeline.add(TimelineEntry.newBuilder().setAt(at).setStage(null).setKind(kind).setCause(cause)
                .setActor(actor).setEvidence(List.copyOf(evidence)).build());
        incident.setTimeline(timeline);
    }

    public static void add(Incident incident, Instant at, String kind, String cause) {
        add(incident, at, kind, cause, ACTOR, List.of());
    }

    public static boolean has(Incident incident, String kind) {
        return incident.getTimeline().stream().anyMatch(e -> kind.equals(e.getKind()));
    }

    /** Whether any entry carries this evidence string (used to make commands idempotent by command id). */
    public static boolean hasEvidence(Incident incident, String evidence) {
        return incident.getTimeline().stream().anyMatch(e -> e.getEvidence().contains(evidence));
    }
}
