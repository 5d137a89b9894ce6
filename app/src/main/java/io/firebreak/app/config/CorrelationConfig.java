package io.firebreak.app.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.List;

/** {@code correlation:} — how signals become incidents (DESIGN §6). */
public class CorrelationConfig {

    @NotEmpty
    @JsonProperty
    public List<String> groupBy = new ArrayList<>(List.of("cluster", "service"));

    @NotNull
    @JsonProperty
    public Duration window = Duration.minutes(10);

    @NotNull
    @JsonProperty
    public Duration changeLookback = Duration.minutes(30);

    @NotNull
    @JsonProperty
    public Duration enrichmentWait = Duration.seconds(5);

    /**
     * A storm's routine changes of one incident (more signals, counts) are published and sent to the receivers already
     * notified at most once per interval, the latest state winning; pages, acknowledgements and resolves never wait.
     */
    @NotNull
    @JsonProperty
    public Duration updateInterval = Duration.seconds(2);

    @Min(0)
    @Max(10)
    @JsonProperty
    public int graphDepth = 3;

    /**
     * {@code /healthcheck} turns unhealthy when the oldest input correlation has not processed yet is older than this
     * ({@code firebreak_correlation_lag_seconds}), so an orchestrator or an alert notices a correlation that stopped.
     */
    @NotNull
    @JsonProperty
    public Duration maxLag = Duration.seconds(60);

    /** ... or when a streams application has not been RUNNING (a rebalance or restore that does not end) for longer. */
    @NotNull
    @JsonProperty
    public Duration maxNotRunning = Duration.seconds(60);

    @Valid
    @NotNull
    @JsonProperty
    public Flapping flapping = new Flapping();

    public static class Flapping {
        @Min(1)
        @JsonProperty
        public int flips = 4;

        @NotNull
        @JsonProperty
        public Duration within = Duration.minutes(15);
    }
}
