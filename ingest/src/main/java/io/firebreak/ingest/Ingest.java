package io.firebreak.ingest;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import io.firebreak.ingest.core.AlertmanagerSignalMapper;
import io.firebreak.ingest.core.ChangeEventMapper;
import io.firebreak.ingest.http.BearerTokenFilter;
import io.firebreak.ingest.http.BodyLimitFilter;
import io.firebreak.ingest.http.EndpointMetrics;
import io.firebreak.ingest.http.IngestMetricsFilter;
import io.firebreak.ingest.http.InvalidPayloadMapper;
import io.firebreak.ingest.http.JsonErrorMapper;
import io.firebreak.ingest.http.WebApplicationExceptionMapper;
import io.firebreak.ingest.http.WriteFailureMappers;
import io.firebreak.ingest.resources.AlertmanagerResource;
import io.firebreak.ingest.resources.ChangesResource;
import io.firebreak.ingest.resources.JsonBodies;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/** The ingest role: its HTTP resources, with their auth, body limit, error mapping and metrics, wired in one place. */
public final class Ingest {

    private final IngestSettings settings;
    private final EventSink sink;
    private final MetricRegistry metrics;
    private final Clock clock;

    public Ingest(IngestSettings settings, EventWriter writer, MetricRegistry metrics, Clock clock) {
        this(settings, (EventSink) writer, metrics, clock);
    }

    /** For tests of the HTTP layer that record events instead of writing them to Kafka. */
    public Ingest(IngestSettings settings, EventSink sink, MetricRegistry metrics, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
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
        EndpointMetrics alertmanager = new EndpointMetrics(metrics, "alertmanager");
        EndpointMetrics changes = new EndpointMetrics(metrics, "changes");

        jersey.register(new AlertmanagerResource(new AlertmanagerSignalMapper(settings.defaultCluster(), clock), sink, bodies, alertmanager));
        jersey.register(new ChangesResource(new ChangeEventMapper(settings.defaultCluster(), clock), sink, bodies, changes));

        jersey.register(new BearerTokenFilter(settings.tokens()));
        jersey.register(new BodyLimitFilter(settings.maxBodyBytes()));
        jersey.register(new IngestMetricsFilter(Map.of(AlertmanagerResource.PATH, alertmanager, ChangesResource.PATH, changes)));

        jersey.register(new WebApplicationExceptionMapper());
        jersey.register(new JsonErrorMapper());
        jersey.register(new InvalidPayloadMapper());
        jersey.register(new WriteFailureMappers.KafkaUnavailable(settings.kafkaTimeout()));
        jersey.register(new WriteFailureMappers.SchemaRegistryFailure(settings.kafkaTimeout()));
        jersey.register(new WriteFailureMappers.EventTooLarge());
        return true;
    }
}
