package io.firebreak.notifiers;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/** What one delivery attempt achieved: delivered, worth retrying, or never going to work. */
public sealed interface DeliveryOutcome {

    /** The HTTP status the receiver answered with; empty when no answer came (network error, timeout, log only). */
    OptionalInt httpStatus();

    /**
     * The receiver accepted the notification.
     *
     * @param ref     the receiver's reference for it (PagerDuty dedup key, Slack channel:ts), kept in the receipt
     * @param logOnly true when no receiver is configured and the notification was only logged
     */
    record Delivered(String ref, OptionalInt httpStatus, boolean logOnly) implements DeliveryOutcome {
        public Delivered {
            Objects.requireNonNull(ref, "ref");
            Objects.requireNonNull(httpStatus, "httpStatus");
        }
    }

    /**
     * A transient failure (429, 5xx, network error, timeout): the same notification may succeed later.
     *
     * @param retryAfter how long the receiver asked us to wait (its Retry-After header), if it said
     */
    record Retryable(String reason, OptionalInt httpStatus, Optional<Duration> retryAfter) implements DeliveryOutcome {
        public Retryable {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(httpStatus, "httpStatus");
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }

    /** A failure that repeating cannot fix (400 invalid event, 401/403/404 misrouted): goes to the dead-letter topic. */
    record Permanent(String reason, OptionalInt httpStatus) implements DeliveryOutcome {
        public Permanent {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(httpStatus, "httpStatus");
        }
    }

    static Delivered delivered(String ref, int httpStatus) {
        return new Delivered(ref, OptionalInt.of(httpStatus), false);
    }

    /** The log receiver's outcome: "delivered" to the log, with ref {@code logged}. */
    static Delivered logged() {
        return new Delivered("logged", OptionalInt.empty(), true);
    }

    /** A network error or timeout: no HTTP answer, always worth retrying. */
    static Retryable unreachable(String reason) {
        return new Retryable(reason, OptionalInt.empty(), Optional.empty());
    }
}
