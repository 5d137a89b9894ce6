package io.firebreak.app.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import io.firebreak.core.routing.RouteTable;
import io.firebreak.streams.CorrelationSettings;
import io.firebreak.streams.graph.ServiceGraph;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

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

    /**
     * How long, in stream time, an incident whose signals are all resolved (or a dedup entry not seen again) stays in
     * the correlation state before it is closed and dropped; the read model keeps it for {@code api.history}.
     */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MINUTES)
    @JsonProperty
    public Duration retention = Duration.hours(24);

    /** How often (stream time) the retention sweep runs. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    @JsonProperty
    public Duration purgeInterval = Duration.minutes(1);

    /**
     * The topology's settings: this block with {@code recovery:}, {@code paging:}, {@code services:}, {@code routes:} (already parsed)
     * and the public URL incident links start with. The only place correlation defaults are written is this class.
     */
    public CorrelationSettings build(RecoveryConfig recovery, PagingConfig paging, List<ServiceConfig> services, RouteTable routes, String publicUrl) {
        Map<String, List<String>> dependsOn = new LinkedHashMap<>();
        services.forEach(service -> dependsOn.put(service.name, List.copyOf(service.dependsOn)));
        return new CorrelationSettings(groupBy, window.toJavaDuration(), enrichmentWait.toJavaDuration(), routes,
                retention.toJavaDuration(), purgeInterval.toJavaDuration(), ServiceGraph.of(dependsOn), graphDepth,
                changeLookback.toJavaDuration(), flapping.flips, flapping.within.toJavaDuration(),
                recovery.stableFor.toJavaDuration(), Optional.of(incidentUrlBase(publicUrl)), updateInterval.toJavaDuration(),
                paging.pendingTimeout.toJavaDuration());
    }

    /** Notifications link to the dashboard's incident page: the id is appended to this. */
    public static String incidentUrlBase(String publicUrl) {
        return (publicUrl.endsWith("/") ? publicUrl : publicUrl + "/") + "?incident=";
    }

    public static class Flapping {
        @Min(1)
        @JsonProperty
        public int flips = 4;

        @NotNull
        @JsonProperty
        public Duration within = Duration.minutes(15);
    }
}
