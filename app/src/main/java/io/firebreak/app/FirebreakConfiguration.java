package io.firebreak.app;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.firebreak.app.config.ApiConfig;
import io.firebreak.app.config.AuthConfig;
import io.firebreak.app.config.CallbacksConfig;
import io.firebreak.app.config.CorrelationConfig;
import io.firebreak.app.config.IngestConfig;
import io.firebreak.app.config.KafkaConfig;
import io.firebreak.app.config.LogAlertConfig;
import io.firebreak.app.config.MaintenanceConfig;
import io.firebreak.app.config.PagingConfig;
import io.firebreak.app.config.PostmortemConfig;
import io.firebreak.app.config.ReceiversConfig;
import io.firebreak.app.config.RecoveryConfig;
import io.firebreak.app.config.Role;
import io.firebreak.app.config.RouteConfig;
import io.firebreak.app.config.ServiceConfig;
import io.firebreak.app.config.SlosConfig;
import io.firebreak.core.channel.Receiver;
import io.firebreak.core.routing.Route;
import io.firebreak.core.routing.RouteTable;
import io.firebreak.embedded.EmbeddedCluster;
import io.firebreak.streams.CorrelationSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The one YAML file of DESIGN §12. Every section has defaults; a bad value fails start-up with its key. */
public class FirebreakConfiguration extends Configuration {

    @Valid @NotNull @JsonProperty
    public KafkaConfig kafka = new KafkaConfig();

    @NotEmpty @JsonProperty
    public Set<Role> roles = EnumSet.allOf(Role.class);

    @Valid @NotNull @JsonProperty
    public IngestConfig ingest = new IngestConfig();

    @Valid @NotNull @JsonProperty
    public AuthConfig auth = new AuthConfig();

    @Valid @NotNull @JsonProperty
    public CallbacksConfig callbacks = new CallbacksConfig();

    @Valid @NotNull @JsonProperty
    public CorrelationConfig correlation = new CorrelationConfig();

    @Valid @NotNull @JsonProperty
    public RecoveryConfig recovery = new RecoveryConfig();

    @Valid @NotNull @JsonProperty
    public PagingConfig paging = new PagingConfig();

    @Valid @NotNull @JsonProperty
    public List<ServiceConfig> services = new ArrayList<>();

    /** Empty = the seed's severity table (DESIGN §7). */
    @Valid @NotNull @JsonProperty
    public List<RouteConfig> routes = new ArrayList<>();

    /** Maintenance windows from config (more come through {@code POST /v1/maintenance}). */
    @Valid @NotNull @JsonProperty
    public List<MaintenanceConfig> maintenance = new ArrayList<>();

    /** Log lines that become signals (seed §9), counted by the SLO engine. */
    @Valid @NotNull @JsonProperty
    public List<LogAlertConfig> logAlerts = new ArrayList<>();

    @Valid @NotNull @JsonProperty
    public ReceiversConfig receivers = new ReceiversConfig();

    @Valid @NotNull @JsonProperty
    public SlosConfig slos = new SlosConfig();

    @Valid @NotNull @JsonProperty
    public PostmortemConfig postmortem = new PostmortemConfig();

    @Valid @NotNull @JsonProperty
    public ApiConfig api = new ApiConfig();

    /**
     * Dropwizard's admin tasks ({@code POST /tasks/log-level}, {@code /tasks/gc}, ...) change a running instance without a
     * credential: off (404) unless set.
     */
    @JsonProperty
    public boolean adminTasks = false;

    /** Base URL people use to reach firebreak; incident links in notifications start with it. */
    @JsonProperty
    public String publicUrl = "http://localhost:8080";

    /** Set by {@code standalone}: the in-process broker and registry, stopped after everything else. */
    @JsonIgnore
    private EmbeddedCluster embeddedCluster;

    /**
     * The correlation topology's settings, from {@code correlation:}, {@code recovery:}, {@code paging:}, {@code services:},
     * {@code routes:}.
     */
    public CorrelationSettings correlationSettings() {
        return correlation.build(recovery, paging, services, routeTable(), publicUrl);
    }

    /**
     * {@code routes:}, or the seed table when empty; with the seed table a configured SOAR endpoint hears every
     * incident (configuring it is asking for them; routes of one's own say where it is wanted instead).
     */
    public RouteTable routeTable() {
        RouteTable table = RouteConfig.table(routes);
        if (!routes.isEmpty() || !receivers.configured().contains(Receiver.SOAR)) {
            return table;
        }
        List<Route> withSoar = new ArrayList<>(List.of(new Route(List.of(), List.of(Receiver.SOAR), true)));
        withSoar.addAll(table.routes());
        return new RouteTable(withSoar);
    }

    public Optional<EmbeddedCluster> embeddedCluster() {
        return Optional.ofNullable(embeddedCluster);
    }

    public void useEmbeddedCluster(EmbeddedCluster cluster) {
        this.embeddedCluster = cluster;
    }

    public boolean runs(Role role) {
        return roles.contains(role);
    }
}
