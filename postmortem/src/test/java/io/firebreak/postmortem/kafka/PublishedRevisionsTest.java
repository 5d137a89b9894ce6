package io.firebreak.postmortem.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.events.ActionItem;
import io.firebreak.events.Incident;
import io.firebreak.events.Stage;
import io.firebreak.events.TimelineEntry;
import io.firebreak.postmortem.PostmortemBuilder;
import io.firebreak.postmortem.ScriptedIncidents;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PublishedRevisionsTest {

    private final PostmortemBuilder builder = new PostmortemBuilder(ScriptedIncidents.SETTINGS, ScriptedIncidents.CLOCK);
    private final PublishedRevisions revisions = new PublishedRevisions();

    /** Version 21; {@link ScriptedIncidents#criticalThroughAllStages()} is version 23. */
    private static Incident recovered() {
        Incident incident = ScriptedIncidents.criticalThroughAllStages();
        incident.setVersion(21);
        incident.setStage(Stage.RECOVERED);
        incident.setTimeline(incident.getTimeline().subList(0, incident.getTimeline().size() - 1));
        return incident;
    }

    @Test
    void anIncidentNotRecoveredYetGetsNoPostmortem() {
        Incident incident = recovered();
        incident.setStage(Stage.MITIGATED);

        assertThat(revisions.nextRevision(incident)).isEmpty();
    }

    @Test
    void firstRecoveryIsRevisionOneAndTheSameContentIsNotRepublished() {
        Incident incident = recovered();
        assertThat(revisions.nextRevision(incident)).contains(1);
        revisions.remember(builder.build(incident, 1), 21);

        Incident published = ScriptedIncidents.criticalThroughAllStages(); // + the POSTMORTEM_PUBLISHED transition
        assertThat(revisions.nextRevision(published)).isEmpty();
    }

    @Test
    void aNewActionItemOrNoteMakesTheNextRevision() {
        revisions.remember(builder.build(recovered(), 1), 21);

        Incident withAction = ScriptedIncidents.criticalThroughAllStages();
        List<ActionItem> items = new ArrayList<>(withAction.getActionItems());
        items.add(new ActionItem("AI-3", "Document the rollback", "alice", "2026-12-01", "open"));
        withAction.setActionItems(items);
        withAction.setVersion(25);
        assertThat(revisions.nextRevision(withAction)).contains(2);

        revisions.remember(builder.build(withAction, 2), 25);
        Incident withNote = ScriptedIncidents.criticalThroughAllStages();
        withNote.setActionItems(items);
        List<TimelineEntry> timeline = new ArrayList<>(withNote.getTimeline());
        timeline.add(new TimelineEntry(ScriptedIncidents.at("09:50:00"), null, "note", "customer comms sent", "bob", List.of()));
        withNote.setTimeline(timeline);
        withNote.setVersion(26);
        assertThat(revisions.nextRevision(withNote)).contains(3);
    }

    @Test
    void anOlderIncidentStateReplayedAfterARestartIsIgnored() {
        Incident latest = ScriptedIncidents.criticalThroughAllStages();
        revisions.remember(builder.build(latest, 2), latest.getVersion());

        assertThat(revisions.nextRevision(recovered())).as("version 21 < 23, fewer action items but older").isEmpty();
        assertThat(revisions.nextRevision(latest)).isEmpty();
    }

    @Test
    void withoutAKnownVersionTheContentDecides() {
        revisions.remember(builder.build(ScriptedIncidents.criticalThroughAllStages(), 1), PublishedRevisions.UNKNOWN_VERSION);

        assertThat(revisions.nextRevision(ScriptedIncidents.criticalThroughAllStages())).isEmpty();
    }

    @Test
    void anActionItemClosedLaterAlsoCounts() {
        revisions.remember(builder.build(recovered(), 4), 21);
        Incident incident = recovered();
        List<ActionItem> items = new ArrayList<>(incident.getActionItems());
        items.set(0, new ActionItem("AI-1", items.get(0).getDescription(), "jdoe", "2026-12-05", "done"));
        incident.setActionItems(items);
        incident.setVersion(30);

        assertThat(revisions.nextRevision(incident)).isEqualTo(Optional.of(5));
    }
}
