package io.firebreak.app.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.NotNull;

/** {@code postmortem:} — where the postmortem's log queries and Explore links point. */
public class PostmortemConfig {

    @JsonProperty
    public String lokiUrl = "";

    @JsonProperty
    public String grafanaUrl = "";

    @JsonProperty
    public String lokiDatasource = "loki";

    @NotNull
    @JsonProperty
    public Duration padding = Duration.minutes(15);
}
