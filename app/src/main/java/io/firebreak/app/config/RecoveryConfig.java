package io.firebreak.app.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.NotNull;

/** {@code recovery:} — when an incident counts as recovered (DESIGN §5). */
public class RecoveryConfig {

    @NotNull
    @JsonProperty
    public Duration stableFor = Duration.minutes(5);
}
