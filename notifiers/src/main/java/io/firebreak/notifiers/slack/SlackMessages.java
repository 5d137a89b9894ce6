package io.firebreak.notifiers.slack;

import io.firebreak.events.Notification;
import java.util.Optional;

/**
 * Remembers which message is each incident's card, per receiver, so later notifications {@code chat.update} it
 * instead of posting a second card. chat.postMessage is not idempotent: this memory is what makes Slack
 * effectively-once across retries and restarts.
 */
public interface SlackMessages {

    /** The card already posted for this incident and receiver, if any. May fail (e.g. Kafka unreachable) with a RuntimeException. */
    Optional<SlackMessageRef> find(String incidentId, String receiver);

    /**
     * Records a freshly posted card, durably when the implementation can, before the notifier reports the delivery:
     * a crash after the post but before the offset commit must still find this card after the restart.
     */
    void remember(Notification posted, SlackMessageRef ref);
}
