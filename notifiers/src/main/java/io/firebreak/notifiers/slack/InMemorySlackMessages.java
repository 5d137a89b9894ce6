package io.firebreak.notifiers.slack;

import io.firebreak.events.Notification;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A process-local memory of cards: enough for unit tests and for a notifier whose restarts may repost. */
public final class InMemorySlackMessages implements SlackMessages {

    private final Map<String, SlackMessageRef> cards = new ConcurrentHashMap<>();

    @Override
    public Optional<SlackMessageRef> find(String incidentId, String receiver) {
        return Optional.ofNullable(cards.get(key(incidentId, receiver)));
    }

    @Override
    public void remember(Notification posted, SlackMessageRef ref) {
        put(posted.getIncidentId(), posted.getReceiver(), ref);
    }

    /** Takes in a card known from elsewhere (the deliveries topic), without recording it anew. */
    public void put(String incidentId, String receiver, SlackMessageRef ref) {
        cards.put(key(incidentId, receiver), ref);
    }

    int size() {
        return cards.size();
    }

    private static String key(String incidentId, String receiver) {
        return receiver + "\n" + incidentId;
    }
}
