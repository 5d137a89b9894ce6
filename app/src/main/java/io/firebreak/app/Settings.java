package io.firebreak.app;

import io.firebreak.app.config.RouteConfig;
import io.firebreak.streams.CorrelationSettings;
import io.firebreak.streams.IncidentTopology;
import io.firebreak.streams.routing.Matcher;
import io.firebreak.streams.routing.Route;
import io.firebreak.streams.routing.RouteTable;
import io.firebreak.ingest.IngestSettings;
import io.firebreak.postmortem.PostmortemSettings;
import io.firebreak.postmortem.export.PostmortemExporter;
import io.firebreak.postmortem.render.JsonRenderer;
import io.firebreak.postmortem.render.MarkdownRenderer;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import io.firebreak.app.kafka.InstanceId;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import java.util.Properties;

/** Translates the YAML configuration into the settings records of the modules (they know nothing of Dropwizard). */
final class Settings {

    private Settings() {
    }

    static CorrelationSettings correlation(FirebreakConfiguration config) {
        CorrelationSettings defaults = CorrelationSettings.defaults();
        var correlation = config.correlation;
        Map<String, List<String>> graph = new LinkedHashMap<>();
        config.services.forEach(service -> graph.put(service.name, List.copyOf(service.dependsOn)));
        return new CorrelationSettings(correlation.groupBy, correlation.window.toJavaDuration(),
                correlation.enrichmentWait.toJavaDuration(), routes(config.routes), defaults.retention(), defaults.purgeInterval())
                .withServices(graph)
                .withGraphDepth(correlation.graphDepth)
                .withChangeLookback(correlation.changeLookback.toJavaDuration())
                .withFlapping(correlation.flapping.flips, correlation.flapping.within.toJavaDuration())
                .withStableFor(config.recovery.stableFor.toJavaDuration())
                .withIncidentUrlBase(incidentUrlBase(config.publicUrl))
                .withUpdateInterval(correlation.updateInterval.toJavaDuration());
    }

    /** Notifications link to the dashboard's incident page. */
    static String incidentUrlBase(String publicUrl) {
        return (publicUrl.endsWith("/") ? publicUrl : publicUrl + "/") + "?incident=";
    }

    /** Empty {@code routes:} means the seed table of DESIGN §7. */
    static RouteTable routes(List<RouteConfig> routes) {
        RouteTable defaults = RouteTable.defaults();
        if (routes.isEmpty()) {
            return defaults;
        }
        List<Route> parsed = new ArrayList<>();
        for (int i = 0; i < routes.size(); i++) {
            RouteConfig route = routes.get(i);
            for (String receiver : route.receivers) {
                if (defaults.channelOf(receiver).isEmpty()) {
                    throw new IllegalArgumentException("routes[" + i + "].receivers: unknown receiver '" + receiver
                            + "', expected one of " + new TreeSet<>(defaults.channelByReceiver().keySet()));
                }
            }
            try {
                parsed.add(new Route(route.matchers.stream().map(Matcher::parse).toList(), route.receivers, route.continueMatching));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("routes[" + i + "].matchers: " + e.getMessage(), e);
            }
        }
        return new RouteTable(parsed, defaults.channelByReceiver());
    }

    static IngestSettings ingest(FirebreakConfiguration config) {
        var ingest = config.ingest;
        List<String> slackSecrets = config.callbacks.slackSigningSecret == null || config.callbacks.slackSigningSecret.isBlank()
                ? List.of() : List.of(config.callbacks.slackSigningSecret.trim());
        return new IngestSettings(ingest.effectiveTokens(), ingest.maxBodyBytes.toBytes(), ingest.kafkaTimeout.toJavaDuration(),
                ingest.defaultCluster)
                .withRateLimit(new IngestSettings.RateLimit(ingest.rateLimit.requestsPerSecond, ingest.rateLimit.burst))
                .withCallbackSecrets(config.callbacks.pagerdutySecrets.stream().filter(s -> s != null && !s.isBlank()).toList(), slackSecrets)
                .withMaxLogLines(ingest.maxLogLines);
    }

    static PostmortemSettings postmortem(FirebreakConfiguration config) {
        var pm = config.postmortem;
        return new PostmortemSettings(optionalUri(pm.lokiUrl), optionalUri(pm.grafanaUrl), pm.lokiDatasource,
                pm.padding.toJavaDuration(), pm.maxLogLines);
    }

    /** The Markdown renderer: the user's template when {@code postmortem.template} names one (read at start, so a bad file fails start-up). */
    static MarkdownRenderer markdown(FirebreakConfiguration config) {
        String template = config.postmortem.template;
        return template == null || template.isBlank() ? new MarkdownRenderer() : MarkdownRenderer.fromFile(Path.of(template.trim()));
    }

    static Optional<PostmortemExporter> exporter(FirebreakConfiguration config, MarkdownRenderer markdown) {
        String dir = config.postmortem.exportDir;
        return dir == null || dir.isBlank() ? Optional.empty() : Optional.of(new PostmortemExporter(Path.of(dir.trim()), markdown, new JsonRenderer()));
    }

    private static Optional<URI> optionalUri(String url) {
        return url == null || url.isBlank() ? Optional.empty() : Optional.of(URI.create(url.trim()));
    }

    static Properties streamsProperties(FirebreakConfiguration config, InstanceId instance) {
        Properties props = IncidentTopology.streamsProperties(config.kafka.bootstrapServers, config.kafka.applicationId,
                Path.of(config.kafka.stateDir), config.kafka.replicationFactor);
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.kafka.standbyReplicas);
        staticMembership(props, instance.groupInstanceId("correlation"));
        return props;
    }

    /**
     * Static membership: a restarted instance takes its old place in the group at once, instead of waiting out the
     * crashed member's session (45 s of no correlation, no page). Streams suffixes the id per stream thread; only the
     * main consumer is a group member. A clean stop still leaves the group ({@link Lifecycle#closeLeavingGroup}), so
     * the partitions move to the other instances immediately.
     */
    static void staticMembership(Properties props, String groupInstanceId) {
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), groupInstanceId);
    }
}
