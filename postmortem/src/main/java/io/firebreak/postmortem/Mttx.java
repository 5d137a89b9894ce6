package io.firebreak.postmortem;

import io.firebreak.events.Postmortem;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Mean-time-to-x of one incident, in whole seconds, all measured from the first signal: detect (alert fired),
 * acknowledge, mitigate, recover. Empty means "not applicable": the stage never happened, which is not zero.
 */
public record Mttx(OptionalLong mttdSeconds, OptionalLong mttaSeconds, OptionalLong mttmSeconds, OptionalLong mttrSeconds) {

    public static Mttx of(Milestones milestones) {
        return new Mttx(since(milestones.firstSignal(), milestones.alertFired()),
                since(milestones.firstSignal(), milestones.acknowledged()),
                since(milestones.firstSignal(), milestones.mitigated()),
                since(milestones.firstSignal(), milestones.recovered()));
    }

    /** Reads the values a published postmortem carries (its MTTx fields are null when not applicable). */
    public static Mttx of(Postmortem postmortem) {
        return new Mttx(optional(postmortem.getMttdSeconds()), optional(postmortem.getMttaSeconds()),
                optional(postmortem.getMttmSeconds()), optional(postmortem.getMttrSeconds()));
    }

    /** First signal → the page accepted by its receiver; empty when nobody was paged. */
    public static OptionalLong timeToPage(Milestones milestones) {
        return since(milestones.firstSignal(), milestones.paged());
    }

    /** The time to page a published postmortem carries. */
    public static OptionalLong timeToPage(Postmortem postmortem) {
        return optional(postmortem.getTimeToPageSeconds());
    }

    static Long nullable(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }

    private static OptionalLong optional(Long value) {
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    private static OptionalLong since(Instant first, Optional<Instant> milestone) {
        // A milestone stamped before the first signal (clock skew between sources) counts as immediate, not negative.
        return milestone.map(at -> OptionalLong.of(Math.max(0, Duration.between(first, at).getSeconds())))
                .orElse(OptionalLong.empty());
    }
}
