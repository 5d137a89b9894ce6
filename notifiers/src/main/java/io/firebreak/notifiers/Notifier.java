package io.firebreak.notifiers;

import io.firebreak.events.Notification;

/**
 * Delivers one notification to one external receiver (PagerDuty, Slack, ...), once.
 *
 * <p>A notifier does not retry, sleep, log deliveries or touch Kafka: {@link NotifierService} composes those
 * around it. It only says what happened and whether trying again could help. Implementations must be
 * idempotent per notification (PagerDuty dedup_key, Slack chat.update, webhook-id), because delivery is
 * at-least-once: a record whose offset was not committed is delivered again after a restart.
 *
 * <p>Implementations must not throw for receiver or network failures; those are outcomes. Secrets must
 * never appear in an outcome's reason.
 */
@FunctionalInterface
public interface Notifier {

    DeliveryOutcome deliver(Notification notification);
}
