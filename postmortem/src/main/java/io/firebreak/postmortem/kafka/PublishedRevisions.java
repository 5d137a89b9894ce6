package io.firebreak.postmortem.kafka;

import io.firebreak.events.ActionItem;
import io.firebreak.events.Incident;
import io.firebreak.events.Postmortem;
import io.firebreak.events.Stage;
import io.firebreak.events.TimelineEntry;
import io.firebreak.postmortem.Milestones;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which postmortem revision was last published per incident, and what it was built from. An incident gets
 * a (new) postmortem when it reached RECOVERED and either has none yet, or its action items, notes or recovery
 * time changed since the last one. Anything else (the POSTMORTEM_PUBLISHED transition itself, a late delivery
 * receipt) does not make a new revision: a restart or a replay must not republish an unchanged postmortem.
 * An incident state older than the one the last postmortem was built from (its {@code version}, carried in a
 * record header) is ignored too: a replay of the incidents topic before compaction shows old states again.
 * Not thread-safe: owned by the service's consumer thread.
 */
final class PublishedRevisions {

    /** What a postmortem's content depends on beyond the facts frozen at recovery. */
    record ContentKey(Optional<Instant> ended, List<ActionKey> actionItems, List<NoteKey> notes) {

        static ContentKey of(Incident incident) {
            return new ContentKey(Milestones.of(incident).impactEnd(), actions(incident.getActionItems()),
                    notes(incident.getTimeline()));
        }

        static ContentKey of(Postmortem postmortem) {
            return new ContentKey(Optional.ofNullable(postmortem.getEndedAt()), actions(postmortem.getActionItems()),
                    notes(postmortem.getTimeline()));
        }

        private static List<ActionKey> actions(List<ActionItem> items) {
            return items.stream().map(a -> new ActionKey(a.getId(), a.getDescription(), a.getOwner(), a.getDue(), a.getStatus()))
                    .toList();
        }

        private static List<NoteKey> notes(List<TimelineEntry> timeline) {
            return timeline.stream().filter(e -> "note".equals(e.getKind()))
                    .map(e -> new NoteKey(e.getAt(), e.getActor(), e.getCause())).toList();
        }
    }

    record ActionKey(String id, String description, String owner, String due, String status) {
    }

    record NoteKey(Instant at, String actor, String text) {
    }

    /** Incident version the postmortem was built from; {@link #UNKNOWN_VERSION} when the header was missing. */
    private record Published(int revision, ContentKey key, long incidentVersion) {
    }

    static final long UNKNOWN_VERSION = -1;

    private final Map<String, Published> byIncident = new HashMap<>();

    static boolean isRecovered(Incident incident) {
        return incident.getStage().compareTo(Stage.RECOVERED) >= 0;
    }

    /** The revision to publish for this incident state, or empty when there is nothing new to publish. */
    Optional<Integer> nextRevision(Incident incident) {
        if (!isRecovered(incident)) {
            return Optional.empty();
        }
        Published last = byIncident.get(incident.getId());
        if (last == null) {
            return Optional.of(1);
        }
        if (incident.getVersion() <= last.incidentVersion()) {
            return Optional.empty();
        }
        return last.key().equals(ContentKey.of(incident)) ? Optional.empty() : Optional.of(last.revision() + 1);
    }

    /** Remembers a published postmortem (ours, or one read back from the topic); older revisions never win. */
    void remember(Postmortem postmortem, long incidentVersion) {
        Objects.requireNonNull(postmortem, "postmortem");
        byIncident.merge(postmortem.getIncidentId(),
                new Published(postmortem.getRevision(), ContentKey.of(postmortem), incidentVersion),
                (old, neu) -> neu.revision() >= old.revision() ? neu : old);
    }

    /** A tombstone on the postmortems topic: the incident's history was deleted, start again at revision 1. */
    void forget(String incidentId) {
        byIncident.remove(incidentId);
    }

    int size() {
        return byIncident.size();
    }
}
