package io.firebreak.app.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.NotNull;

/**
 * {@code slos:} — where the SLO definitions are (a file or a folder; {@code classpath:examples/slos} = the examples bundled in the jar;
 * empty = no SLO engine) and how they are evaluated.
 */
public class SlosConfig {

    @NotNull
    @JsonProperty
    public String path = "";

    /** How often every SLO's burn rates are computed and published. */
    @NotNull
    @JsonProperty
    public Duration evaluateEvery = Duration.seconds(10);

    /** How late a log event may arrive after its minute and still be counted. */
    @NotNull
    @JsonProperty
    public Duration grace = Duration.minutes(5);
}
