package io.firebreak.streams.correlation;

import io.firebreak.events.Stage;
import io.firebreak.events.TimelineEntry;
import java.util.List;

/** Timeline entries as the correlation writes them; the actor of an automatic step is firebreak. */
public final class Timeline {

    public static final String ACTOR = "firebreak";

    private Timeline() {
    }

    public static TimelineEntry transition(long at, Stage stage, String cause) {
        return entry(at, stage, "transition", cause);
    }

    public static TimelineEntry entry(long at, Stage stage, String kind, String cause) {
        return TimelineEntry.newBuilder()
                .setAt(java.time.Instant.ofEpochMilli(at))
                .setStage(stage)
                .setKind(kind)
                .setCause(cause)
                .setActor(ACTOR)
                .setEvidence(List.of())
                .build();
    }
}
