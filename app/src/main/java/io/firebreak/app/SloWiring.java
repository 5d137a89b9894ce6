package io.firebreak.app;

import io.dropwizard.core.setup.Environment;
import io.firebreak.app.api.SlosResource;
import io.firebreak.app.config.LogAlertConfig;
import io.firebreak.app.health.StreamsHealth;
import io.firebreak.app.kafka.InstanceId;
import io.firebreak.app.metrics.StreamsMetrics;
import io.firebreak.schemas.Serdes;
import io.firebreak.schemas.Topics;
import io.firebreak.schemas.kafka.ClientConfigs;
import io.firebreak.schemas.kafka.errors.RecordFailures;
import io.firebreak.slo.KafkaSliSampleSink;
import io.firebreak.slo.PrometheusSliPoller;
import io.firebreak.slo.SamplePartitionOwnership;
import io.firebreak.slo.SliSample;
import io.firebreak.slo.SloMetrics;
import io.firebreak.slo.SloSettings;
import io.firebreak.slo.SloStatusView;
import io.firebreak.slo.SloTopology;
import io.firebreak.slo.config.SloDefinition;
import io.firebreak.slo.logalerts.LogAlertRule;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The SLO engine: its own Kafka Streams application (logs keyed by service, unlike correlation's cluster keys)
 * publishing burn rates and burn alerts (and the {@code logAlerts:} rules' Signals), a Prometheus poller for SLIs that live in Prometheus, and the
 * {@code /metrics} + {@code GET /v1/slos} view of the latest burn rates.
 */
final class SloWiring {

    private final FirebreakConfiguration config;
    private final List<SloDefinition> slos;
    private final List<LogAlertRule> logAlerts;
    private final SloMetrics metrics;
    private final StreamsMetrics streamsMetrics;

    /** {@code slos}: the definitions as start-up loaded and validated them (StartupChecks), a bad file having failed it. */
    SloWiring(FirebreakConfiguration config, List<SloDefinition> slos, PrometheusRegistry prometheus, StreamsMetrics streamsMetrics) {
        this.config = config;
        this.streamsMetrics = streamsMetrics;
        this.slos = List.copyOf(slos);
        this.logAlerts = LogAlertConfig.rules(config.logAlerts);
        this.metrics = new SloMetrics(prometheus, slos);
    }

    void runEngine(Environment environment, Admin admin, Map<String, Object> kafkaConfig, Serdes serdes, InstanceId instance) throws Exception {
        if (slos.isEmpty() && logAlerts.isEmpty()) {
            return;
        }
        SloSettings settings = SloSettings.of(slos).withLogAlerts(logAlerts).withObserver(metrics)
                .withEvaluateEvery(config.slos.evaluateEvery.toJavaDuration())
                .withGrace(config.slos.grace.toJavaDuration());
        boolean prometheusSource = SloTopology.hasPrometheusSource(settings);
        if (prometheusSource) {
            createSamplesTopic(admin);
        }
        Properties props = SloTopology.streamsProperties(config.kafka.bootstrapServers, config.kafka.applicationId + "-slo",
                Path.of(config.kafka.stateDir, "slo"), config.kafka.replicationFactor);
        props.putAll(config.kafka.properties);
        config.kafka.rocksdb.applyTo(props);
        RecordFailures failures = new RecordFailures();
        Settings.staticMembership(props, instance.groupInstanceId("slo"));
        props.put(RecordFailures.CONFIG, failures);
        KafkaStreams streams = new KafkaStreams(SloTopology.build(settings, serdes), props);
        StreamsWatch.watch(environment, streamsMetrics, streams, "slo", "slo-streams", failures,
                StreamsHealth.Rules.of(config.correlation.maxNotRunning.toJavaDuration(), Optional.empty()));
        environment.lifecycle().manage(Lifecycle.startedInBackground("slo", streams));
        if (prometheusSource) {
            KafkaProducer<String, SliSample> producer = new KafkaProducer<>(ClientConfigs.acknowledgedProducer(kafkaConfig),
                    new StringSerializer(), SliSample.serde().serializer());
            // every streams instance runs a poller; each SLO is polled by the one holding its samples partition. The
            // producer's metadata, not the admin's: it waits for a topic another instance created a moment ago
            int samplesPartitions = producer.partitionsFor(SloTopology.SAMPLES_TOPIC).size();
            PrometheusSliPoller poller = new PrometheusSliPoller(slos, HttpClient.newHttpClient(), new KafkaSliSampleSink(producer),
                    Clock.systemUTC(), new SamplePartitionOwnership(streams, samplesPartitions));
            environment.lifecycle().manage(Lifecycle.managed(poller::start, () -> {
                poller.close();
                producer.close(java.time.Duration.ofSeconds(5));
            }));
        }
    }

    void runApi(Environment environment, Map<String, Object> kafkaConfig, Serdes serdes) {
        SloStatusView view = new SloStatusView(kafkaConfig, serdes.value(Topics.BURN).deserializer(), metrics::update);
        environment.lifecycle().manage(Lifecycle.managed(view::start, view::close));
        environment.jersey().register(new SlosResource(slos, view));
    }

    private void createSamplesTopic(Admin admin) throws Exception {
        try {
            admin.createTopics(List.of(new NewTopic(SloTopology.SAMPLES_TOPIC, config.kafka.partitions, config.kafka.replicationFactor)
                    .configs(Map.of("retention.ms", Long.toString(java.time.Duration.ofDays(4).toMillis())))))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

}
