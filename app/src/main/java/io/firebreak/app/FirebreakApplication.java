package io.firebreak.app;

import com.codahale.metrics.health.HealthCheck;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.AutoCloseableManager;
import io.firebreak.app.api.AdminPort;
import io.firebreak.app.api.CallbacksConnector;
import io.firebreak.app.api.ConditionalGet;
import io.firebreak.app.api.DashboardResource;
import io.firebreak.app.api.IncidentsResource;
import io.firebreak.app.api.JsonErrorHandler;
import io.firebreak.app.api.PostmortemResource;
import io.firebreak.app.api.ReportsResource;
import io.firebreak.app.api.SlowSenders;
import io.firebreak.app.cli.CheckCommand;
import io.firebreak.app.cli.DemoCommand;
import io.firebreak.app.cli.FirebreakServerCommand;
import io.firebreak.app.cli.ReplayCommand;
import io.firebreak.app.cli.ReplayDlqCommand;
import io.firebreak.app.cli.SloCommand;
import io.firebreak.app.cli.StandaloneCommand;
import io.firebreak.app.config.MaintenanceConfig;
import io.firebreak.app.config.Role;
import io.firebreak.app.config.StartupChecks;
import io.firebreak.app.config.StrictConfigurationFactoryFactory;
import io.firebreak.app.health.KafkaHealthCheck;
import io.firebreak.app.health.SchemaRegistryHealthCheck;
import io.firebreak.app.health.StreamsHealth;
import io.firebreak.app.kafka.InstanceId;
import io.firebreak.app.kafka.KafkaAccess;
import io.firebreak.app.kafka.MaintenanceTopic;
import io.firebreak.app.kafka.TopicCreator;
import io.firebreak.app.metrics.MetricsResource;
import io.firebreak.app.metrics.MttxMetrics;
import io.firebreak.app.metrics.OpenIncidentMetrics;
import io.firebreak.app.metrics.PagingMetrics;
import io.firebreak.app.metrics.PrometheusMetrics;
import io.firebreak.app.metrics.StreamsMetrics;
import io.firebreak.app.view.IncidentView;
import io.firebreak.ingest.EventWriter;
import io.firebreak.ingest.Ingest;
import io.firebreak.ingest.IngestSettings;
import io.firebreak.ingest.auth.ApiToken;
import io.firebreak.ingest.auth.TokenAuthentication;
import io.firebreak.ingest.http.RateLimits;
import io.firebreak.notifiers.NotifierMetrics;
import io.firebreak.postmortem.kafka.PostmortemService;
import io.firebreak.postmortem.render.JsonRenderer;
import io.firebreak.postmortem.render.MarkdownRenderer;
import io.firebreak.schemas.Serdes;
import io.firebreak.schemas.Topic;
import io.firebreak.schemas.Topics;
import io.firebreak.schemas.kafka.ClientConfigs;
import io.firebreak.schemas.kafka.errors.RecordFailures;
import io.firebreak.schemas.registry.SchemaRegistryClient;
import io.firebreak.streams.CorrelationSettings;
import io.firebreak.streams.IncidentTopology;
import io.firebreak.streams.correlation.CorrelationWarmUp;
import io.firebreak.streams.health.InputLag;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * firebreak as one Dropwizard application. {@link #run} wires everything top to bottom:
 * configuration → Kafka and registry clients → topics → the roles this process runs → health checks.
 */
public final class FirebreakApplication extends Application<FirebreakConfiguration> {

    private static final Logger LOG = LoggerFactory.getLogger(FirebreakApplication.class);

    public static void main(String[] args) throws Exception {
        new FirebreakApplication().run(args);
    }

    @Override
    public String getName() {
        return "firebreak";
    }

    @Override
    public void initialize(Bootstrap<FirebreakConfiguration> bootstrap) {
        // strict: a ${VAR} without a default that is not set fails start-up instead of becoming a literal token
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(true)));
        bootstrap.setConfigurationFactoryFactory(new StrictConfigurationFactoryFactory<>());
        // API times are ISO-8601 strings (DESIGN §4), not epoch numbers
        bootstrap.getObjectMapper().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        bootstrap.addCommand(new StandaloneCommand(this));
        bootstrap.addCommand(new ReplayCommand());
        bootstrap.addCommand(new DemoCommand());
        bootstrap.addCommand(new ReplayDlqCommand(this));
        bootstrap.addCommand(new SloCommand());
    }

    /** {@code server} and {@code check} refuse a configuration with the same lines, without a stack trace (StartupChecks). */
    @Override
    protected void addDefaultCommands(Bootstrap<FirebreakConfiguration> bootstrap) {
        bootstrap.addCommand(new FirebreakServerCommand(this));
        bootstrap.addCommand(new CheckCommand());
    }

    @Override
    public void run(FirebreakConfiguration config, Environment environment) throws Exception {
        StartupChecks.Loaded files = StartupChecks.requireNone(config);
        StartupChecks.warnings(config).forEach(warning -> LOG.warn("event=configuration_warning {}", warning));
        SlowSenders.guard(config.getServerFactory());
        AdminPort.bindToLoopbackByDefault(config.getServerFactory());
        if (!config.adminTasks) {
            AdminPort.disableTasks(environment.admin());
        }
        if (config.callbacks.port > 0) {
            CallbacksConnector.separate(environment, config.getServerFactory(), config.callbacks.port);
        }
        // registered first so it stops last: clients close before the broker they talk to goes away
        config.embeddedCluster().ifPresent(cluster -> environment.lifecycle().manage(new AutoCloseableManager(cluster)));

        // before any Kafka client: ingest's transactional.id and the group.instance.ids derive from it; its lock on
        // kafka.stateDir also keeps the read model's signal index there (every role set runs one of the two) to itself
        InstanceId instance = instanceId(config, environment);
        Map<String, Object> kafkaConfig = config.kafka.clientSettings();
        SchemaRegistryClient registry = config.kafka.registryClient();
        Serdes serdes = new Serdes(registry);
        Admin admin = KafkaAccess.connect(kafkaConfig, config.kafka.startupTimeout.toJavaDuration());
        environment.lifecycle().manage(new AutoCloseableManager(admin));
        KafkaAccess.requireRegistry(registry, config.kafka.schemaRegistry.urls.isEmpty() ? config.kafka.schemaRegistryUrl : config.kafka.schemaRegistry.urls);
        if (config.kafka.createTopics) {
            new TopicCreator(admin, config.kafka.partitions, config.kafka.replicationFactor).createMissing();
        }
        environment.healthChecks().register("kafka", new KafkaHealthCheck(admin));
        environment.healthChecks().register("schema-registry", new SchemaRegistryHealthCheck(registry));
        environment.getApplicationContext().setErrorHandler(new JsonErrorHandler());
        environment.lifecycle().addServerLifecycleListener(server -> server.setErrorHandler(new JsonErrorHandler()));
        PrometheusRegistry prometheus = PrometheusMetrics.create();
        StreamsMetrics streamsMetrics = new StreamsMetrics(prometheus);
        environment.jersey().register(new MetricsResource(prometheus));
        List<ApiToken> tokens = config.auth.effectiveTokens(config.ingest);
        if (!config.runs(Role.INGEST)) {
            // ingest registers the same check for its own routes and these; without it, the reads still need a token
            environment.jersey().register(new TokenAuthentication(tokens, RateLimits.of(config.ingest.rateLimit.settings(), Clock.systemUTC())));
        }

        SloWiring sloEngine = new SloWiring(config, files.slos(), prometheus, streamsMetrics);
        // one renderer (a user template is read and compiled once, by the checks) for the published postmortems and the API
        MarkdownRenderer markdown = files.markdown();
        MttxMetrics mttx = new MttxMetrics(prometheus);
        // the read model serves the API and tells ingest which actions fit an incident's current state
        IncidentView view = config.runs(Role.API) || config.runs(Role.INGEST) ? readModel(environment, kafkaConfig, serdes, mttx, config) : null;
        if (view != null) {
            PagingMetrics.register(prometheus, view::summaries, Clock.systemUTC());
            OpenIncidentMetrics.register(prometheus, view::summaries);
        }

        if (config.runs(Role.INGEST)) {
            runIngest(config, tokens, environment, prometheus, kafkaConfig, serdes, view, instance);
        }
        if (config.runs(Role.STREAMS)) {
            new MaintenanceTopic(kafkaConfig, serdes).replaceConfigured(MaintenanceConfig.windows(config.maintenance, Clock.systemUTC()));
            runStreams(config, environment, admin, kafkaConfig, serdes, markdown, streamsMetrics, instance);
            sloEngine.runEngine(environment, admin, kafkaConfig, serdes, instance);
        }
        if (config.runs(Role.NOTIFIERS)) {
            new NotifierWiring(config, new NotifierMetrics.Families(prometheus)).start(environment, kafkaConfig, serdes, instance);
        }
        if (config.runs(Role.API)) {
            runApi(environment, view, markdown);
            sloEngine.runApi(environment, kafkaConfig, serdes);
        }
    }

    private static IncidentView readModel(Environment environment, Map<String, Object> kafkaConfig, Serdes serdes, MttxMetrics mttx,
                                          FirebreakConfiguration config) {
        IncidentView view = new IncidentView(kafkaConfig, serdes, mttx::observe, config.api.history.toJavaDuration(), Clock.systemUTC(),
                Path.of(config.kafka.stateDir, "incident-view"), config.kafka.rocksdb.sizes());
        environment.lifecycle().manage(Lifecycle.managed(view::start, view::close));
        environment.healthChecks().register("incident-view", new HealthCheck() {
            @Override
            protected Result check() {
                if (!view.reading()) {
                    return Result.unhealthy("stopped reading the incidents topics (see the log): the API shows stale incidents");
                }
                return view.caughtUp() ? Result.healthy() : Result.unhealthy("still reading the incidents topic");
            }
        });
        return view;
    }

    private static void runApi(Environment environment, IncidentView view, MarkdownRenderer markdown) {
        environment.jersey().register(new IncidentsResource(view));
        environment.jersey().register(new PostmortemResource(view::incident, view::postmortem, markdown, new JsonRenderer()));
        environment.jersey().register(new ReportsResource(view));
        environment.jersey().register(new DashboardResource());
        environment.jersey().register(new ConditionalGet(environment.getObjectMapper()));
    }

    /** This instance's Kafka identity, its state directory locked until the application stops. */
    private static InstanceId instanceId(FirebreakConfiguration config, Environment environment) {
        String configured = config.kafka.instanceId == null ? "" : config.kafka.instanceId.trim();
        InstanceId instance = InstanceId.acquire(Path.of(config.kafka.stateDir),
                configured.isEmpty() ? Optional.empty() : Optional.of(configured));
        environment.lifecycle().manage(new AutoCloseableManager(instance));
        return instance;
    }

    private static void runIngest(FirebreakConfiguration config, List<ApiToken> tokens, Environment environment, PrometheusRegistry prometheus,
                                  Map<String, Object> kafkaConfig, Serdes serdes, IncidentView view, InstanceId instance) {
        // StartupChecks refused a configuration without tokens before anything started
        IngestSettings settings = config.ingest.build(tokens, config.callbacks);
        EventWriter writer = new EventWriter(kafkaConfig, serdes, settings.kafkaTimeout(),
                instance.ingestTransactionalId(config.kafka.applicationId));
        environment.lifecycle().manage(new AutoCloseableManager(writer));
        new Ingest(settings, writer, prometheus, Clock.systemUTC(), view::incident, new MaintenanceTopic(kafkaConfig, serdes))
                .register(environment.jersey());
    }

    private static void runStreams(FirebreakConfiguration config, Environment environment, Admin admin, Map<String, Object> kafkaConfig,
                                   Serdes serdes, MarkdownRenderer markdown, StreamsMetrics streamsMetrics, InstanceId instance)
            throws Exception {
        // one cluster's records must meet in one task: the cluster-keyed inputs need equal partition counts
        IncidentTopology.requireCopartitioned(admin);
        TopicCreator.requireExisting(admin, Topics.deadLetterTopics());
        CorrelationSettings correlation = config.correlationSettings();
        // compiles the signal path while the stream threads join their group, before a storm's first signal meets it
        CorrelationWarmUp.startInBackground(correlation);
        Topology topology = IncidentTopology.build(correlation, serdes);
        RecordFailures failures = new RecordFailures();
        Properties props = Settings.streamsProperties(config, instance);
        props.put(RecordFailures.CONFIG, failures);
        KafkaStreams streams = new KafkaStreams(topology, props);
        StreamsHealth health = StreamsWatch.watch(environment, streamsMetrics, streams, "correlation", "streams", failures,
                StreamsHealth.Rules.of(config.correlation.maxNotRunning.toJavaDuration(), Optional.of(config.correlation.maxLag.toJavaDuration())));
        environment.lifecycle().manage(Lifecycle.startedInBackground("correlation", streams));
        environment.lifecycle().manage(StreamsWatch.sampleLag(streamsMetrics, new InputLag(admin, lagConsumer(kafkaConfig), config.kafka.applicationId,
                IncidentTopology.CLUSTER_KEYED_INPUTS.stream().map(Topic::name).toList(), Clock.systemUTC()), health));

        Map<String, Object> postmortemConfig = ClientConfigs.from(kafkaConfig).staticMember(instance.groupInstanceId("postmortem")).build();
        PostmortemService postmortems = new PostmortemService(config.postmortem.build(), postmortemConfig, serdes, Clock.systemUTC(),
                markdown, config.postmortem.exporter(markdown));
        environment.lifecycle().manage(Lifecycle.managed(postmortems::start, postmortems::close));
    }

    /** Reads one record at a committed offset to learn its age: read_committed, as the streams application reads. */
    private static KafkaConsumer<byte[], byte[]> lagConsumer(Map<String, Object> kafkaConfig) {
        return new KafkaConsumer<>(ClientConfigs.from(kafkaConfig).committedReads().clientId("firebreak-correlation-lag").build(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
