package io.firebreak.app.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/** {@code api:} — the read model behind {@code GET /v1/incidents}, the dashboard and the MTTx report. */
public class ApiConfig {

    /**
     * How long a closed incident and its postmortem stay queryable after their last change. Open incidents always
     * stay. The topics keep everything; this bounds the memory of every API instance.
     */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.DAYS)
    @JsonProperty
    public Duration history = Duration.days(90);
}
