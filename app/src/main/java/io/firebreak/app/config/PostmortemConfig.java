package io.firebreak.app.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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

    /** How many matching log lines per query a postmortem attaches when Loki is configured. */
    @Min(0)
    @Max(1000)
    @JsonProperty
    public int maxLogLines = 20;

    /** A Mustache template replacing the bundled Markdown layout (empty = bundled). */
    @JsonProperty
    public String template = "";

    /** Also write every postmortem as {@code <incident-id>.md} and {@code .json} here (e.g. a Git checkout); empty = off. */
    @JsonProperty
    public String exportDir = "";
}
