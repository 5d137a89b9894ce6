package io.firebreak.ingest.callbacks;

import io.firebreak.events.LifecycleCommand;
import java.util.Objects;
import java.util.Optional;

/**
 * What a verified callback means for firebreak: a command to write, or nothing, with the reason. Ignoring still
 * answers 2xx: the sender did nothing wrong and must not retry (PagerDuty would, and then disable the subscription).
 */
public record CallbackOutcome(Optional<LifecycleCommand> command, String ignoredBecause) {

    public CallbackOutcome {
        Objects.requireNonNull(command, "command");
    }

    public static CallbackOutcome command(LifecycleCommand command) {
        return new CallbackOutcome(Optional.of(command), "");
    }

    public static CallbackOutcome ignored(String reason) {
        return new CallbackOutcome(Optional.empty(), reason);
    }
}
