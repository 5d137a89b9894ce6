package io.firebreak.ingest;

import io.dropwizard.jersey.setup.JerseyEnvironment;
import io.firebreak.ingest.auth.TokenAuthentication;
import io.firebreak.ingest.callbacks.pagerduty.PagerDutyCommandMapper;
import io.firebreak.ingest.callbacks.pagerduty.PagerDutySignature;
import io.firebreak.ingest.callbacks.slack.SlackCommandMapper;
import io.firebreak.ingest.callbacks.slack.SlackSignature;
import io.firebreak.ingest.core.ActionCommandMapper;
import io.firebreak.ingest.core.AlertmanagerSignalMapper;
import io.firebreak.ingest.core.Arrival;
import io.firebreak.ingest.core.ChangeEventMapper;
import io.firebreak.ingest.core.MaintenanceWindowMapper;
import io.firebreak.ingest.coroot.CorootMapper;
import io.firebreak.ingest.http.BodyLimitFilter;
import io.firebreak.ingest.http.ContentTypeFilter;
import io.firebreak.ingest.http.DrainRefusedBodies;
import io.firebreak.ingest.http.IngestMetrics;
import io.firebreak.ingest.http.IngestMetricsFilter;
import io.firebreak.ingest.http.InvalidPayloadMapper;
import io.firebreak.ingest.http.JsonErrorMapper;
import io.firebreak.ingest.http.RateLimits;
import io.firebreak.ingest.http.SignedRoute;
import io.firebreak.ingest.http.WebApplicationExceptionMapper;
import io.firebreak.ingest.http.WriteFailureMappers;
import io.firebreak.ingest.logs.LogLineMapper;
import io.firebreak.ingest.resources.AlertmanagerResource;
import io.firebreak.ingest.resources.ChangesResource;
import io.firebreak.ingest.resources.CorootResource;
import io.firebreak.ingest.resources.IncidentActionsResource;
import io.firebreak.ingest.resources.Intake;
import io.firebreak.ingest.resources.JsonBodies;
import io.firebreak.ingest.resources.LogsResource;
import io.firebreak.ingest.resources.MaintenanceResource;
import io.firebreak.ingest.resources.PagerDutyCallbackResource;
import io.firebreak.ingest.resources.SlackCallbackResource;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** The ingest role: its HTTP resources, with their auth, limits, error mapping and metrics, wired in one place. */
public final class Ingest {

    private final IngestSettings settings;
    private final EventSink sink;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final IncidentLookup incidents;
    private final MaintenanceLookup maintenance;

    public Ingest(IngestSettings settings, EventWriter writer, PrometheusRegistry metrics, Clock clock) {
        this(settings, (EventSink) writer, metrics, clock, IncidentLookup.NONE);
    }

    /** For tests of the HTTP layer that record events instead of writing them to Kafka. */
    public Ingest(IngestSettings settings, EventSink sink, PrometheusRegistry metrics, Clock clock) {
        this(settings, sink, metrics, clock, IncidentLookup.NONE);
    }

    /** With the incidents read model, so actions that do not fit an incident's state get 404/409 instead of 202. */
    public Ingest(IngestSettings settings, EventSink sink, PrometheusRegistry metrics, Clock clock, IncidentLookup incidents) {
        this(settings, sink, metrics, clock, incidents, MaintenanceLookup.NONE);
    }

    /** With the maintenance windows as the topic holds them, for {@code GET} and {@code DELETE /v1/maintenance}. */
    public Ingest(IngestSettings settings, EventSink sink, PrometheusRegistry metrics, Clock clock, IncidentLookup incidents,
                  MaintenanceLookup maintenance) {
        this.maintenance = Objects.requireNonNull(maintenance, "maintenance");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.metrics = new IngestMetrics(Objects.requireNonNull(metrics, "metrics"));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.incidents = Objects.requireNonNull(incidents, "incidents");
        if (sink instanceof EventWriter writer) { // the app passes its writer as a sink; test sinks have no transactions
            this.metrics.kafkaWriter(writer::transactionsCommitted, writer::writesCommitted);
        }
    }

    public void register(JerseyEnvironment jersey) {
        jersey.register(feature());
    }

    /** Everything ingest adds to Jersey, as one Feature (also what tests register). */
    public Feature feature() {
        return this::configure;
    }

    private boolean configure(FeatureContext jersey) {
        JsonBodies bodies = new JsonBodies();
        Arrival arrival = new Arrival(settings.defaultCluster(), clock);
        Function<String, Intake> intake = endpoint -> new Intake(sink, bodies, metrics.endpoint(endpoint));
        Intake alertmanager = intake.apply("alertmanager");
        Intake changes = intake.apply("changes");
        Intake coroot = intake.apply("coroot");
        Intake logs = intake.apply("logs");
        Intake pagerduty = intake.apply("pagerduty");
        Intake slack = intake.apply("slack");
        Intake actions = intake.apply("actions");
        Intake maintenanceWindows = intake.apply("maintenance");

        jersey.register(new AlertmanagerResource(new AlertmanagerSignalMapper(arrival), alertmanager));
        jersey.register(new ChangesResource(new ChangeEventMapper(arrival), changes));
        jersey.register(new CorootResource(new CorootMapper(arrival), coroot));
        jersey.register(new LogsResource(new LogLineMapper(arrival), logs, settings.maxLogLines()));
        RateLimits limits = RateLimits.of(settings.rateLimit(), clock);
        jersey.register(new PagerDutyCallbackResource(new SignedRoute<>(new PagerDutySignature(settings.pagerDutySecrets()), limits,
                PagerDutyCallbackResource.PATH), new PagerDutyCommandMapper(clock), incidents, pagerduty));
        jersey.register(new SlackCallbackResource(new SignedRoute<>(new SlackSignature(settings.slackSigningSecrets(), clock), limits,
                SlackCallbackResource.PATH), new SlackCommandMapper(clock), incidents, slack));
        jersey.register(new IncidentActionsResource(new ActionCommandMapper(clock), incidents, actions));
        jersey.register(new MaintenanceResource(new MaintenanceWindowMapper(clock), maintenance, maintenanceWindows, clock));

        // also guards the read API and /metrics that the app registers in the same Jersey environment
        jersey.register(new TokenAuthentication(settings.tokens(), limits));
        jersey.register(new BodyLimitFilter(settings.maxBodyBytes()));
        jersey.register(new ContentTypeFilter());
        jersey.register(new DrainRefusedBodies(settings.maxBodyBytes()));
        jersey.register(new IngestMetricsFilter(Map.of(
                AlertmanagerResource.PATH, alertmanager.metrics(), ChangesResource.PATH, changes.metrics(),
                CorootResource.PATH, coroot.metrics(), LogsResource.PATH, logs.metrics(), PagerDutyCallbackResource.PATH,
                pagerduty.metrics(), SlackCallbackResource.PATH, slack.metrics(), IncidentActionsResource.PATH, actions.metrics(),
                MaintenanceResource.PATH, maintenanceWindows.metrics())));

        jersey.register(new WebApplicationExceptionMapper());
        jersey.register(new JsonErrorMapper());
        jersey.register(new InvalidPayloadMapper());
        jersey.register(new WriteFailureMappers.KafkaUnavailable(settings.kafkaTimeout()));
        jersey.register(new WriteFailureMappers.SchemaRegistryFailure(settings.kafkaTimeout()));
        jersey.register(new WriteFailureMappers.EventTooLarge());
        return true;
    }
}
