package io.firebreak.notifiers;

import io.firebreak.events.DeliveryReceipt;
import io.firebreak.events.Notification;
import java.time.Instant;
import java.util.OptionalInt;

/** Builds what a notifier writes back to Kafka: the receipt of every notification, and the dead letter of a failed one. */
public final class DeliveryRecords {

    public static final String DELIVERED = "delivered";
    public static final String LOGGED = "logged";
    public static final String DEAD_LETTERED = "dead_lettered";
    /**
     * A Slack card was posted, written by the Slack notifier right after chat.postMessage and before the regular
     * receipt, so a crash between the two still leaves the card's channel:ts on record (see slack.SlackMessages).
     */
    public static final String POSTED = "posted";
    /** An attempt failed and will be retried: written for each such attempt, so the pending delivery is visible. */
    public static final String RETRYING = "retrying";

    private DeliveryRecords() {
    }

    public static DeliveryReceipt receipt(Notification n, DeliveryOutcome.Delivered outcome, int attempts, Instant at) {
        return base(n, at)
                .setOutcome(outcome.logOnly() ? LOGGED : DELIVERED)
                .setHttpStatus(outcome.httpStatus().isPresent() ? outcome.httpStatus().getAsInt() : null)
                .setRef(outcome.ref())
                .setAttempts(attempts)
                .setError(null)
                .build();
    }

    /** The early record of a posted Slack card: the delivery's own receipt follows once the service commits. */
    public static DeliveryReceipt posted(Notification n, String ref, int httpStatus, Instant at) {
        return base(n, at)
                .setOutcome(POSTED)
                .setHttpStatus(httpStatus)
                .setRef(ref)
                .setAttempts(1)
                .setError(null)
                .build();
    }

    /** A failed attempt that will be retried at {@code nextAttemptAt}: the notification is pending, not lost. */
    public static DeliveryReceipt retrying(Notification n, int failedAttempts, DeliveryOutcome.Retryable failure, Instant nextAttemptAt,
                                           Instant at) {
        return base(n, at)
                .setOutcome(RETRYING)
                .setHttpStatus(failure.httpStatus().isPresent() ? failure.httpStatus().getAsInt() : null)
                .setRef(null)
                .setAttempts(failedAttempts)
                .setError(failure.reason())
                .setNextAttemptAt(nextAttemptAt)
                .build();
    }

    public static DeliveryReceipt deadLetterReceipt(Notification n, DeadLetter letter, Instant at) {
        return base(n, at)
                .setOutcome(DEAD_LETTERED)
                .setHttpStatus(letter.httpStatus().isPresent() ? letter.httpStatus().getAsInt() : null)
                .setRef(null)
                .setAttempts(letter.attempts())
                .setError(letter.reason())
                .build();
    }

    /**
     * The notification as it goes to the DLQ: unchanged, plus why and after how many attempts, so it can be replayed.
     * Copied with Avro's builder so a field added to the schema is never dropped from dead letters; that copy needs
     * io.firebreak.events trusted by Avro, which creating the channel's deserializer does (NotifierService).
     */
    public static Notification deadLetter(Notification n, DeadLetter letter) {
        return Notification.newBuilder(n).setAttempts(letter.attempts()).setFailureReason(letter.reason()).build();
    }

    private static DeliveryReceipt.Builder base(Notification n, Instant at) {
        return DeliveryReceipt.newBuilder()
                .setNotificationId(n.getId())
                .setIncidentId(n.getIncidentId())
                .setChannel(n.getChannel())
                .setReceiver(n.getReceiver())
                .setKind(n.getKind())
                .setAt(at);
    }

    /** Why a notification was given up on. */
    public record DeadLetter(String reason, OptionalInt httpStatus, int attempts) {
    }
}
