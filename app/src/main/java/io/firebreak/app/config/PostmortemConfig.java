package io.firebreak.app.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.firebreak.postmortem.PostmortemSettings;
import io.firebreak.postmortem.export.PostmortemExporter;
import io.firebreak.postmortem.metrics.PromQl;
import io.firebreak.postmortem.render.JsonRenderer;
import io.firebreak.postmortem.render.MarkdownRenderer;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code postmortem:} — where the postmortem's log and metric queries and Explore links point. */
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

    /** UID of the Prometheus datasource in Grafana, for the metric queries' Explore links. */
    @NotNull
    @JsonProperty
    public String prometheusDatasource = PostmortemSettings.DEFAULT_PROMETHEUS_DATASOURCE;

    /**
     * PromQL per name, rendered for every service of an incident ({@code {{service}}}, {@code {{serviceRegex}}}, {@code {{cluster}}});
     * empty = Coroot's container metrics.
     */
    @NotNull
    @JsonProperty
    public Map<String, String> metricQueries = new LinkedHashMap<>();

    /** A Mustache template replacing the bundled Markdown layout (empty = bundled). */
    @JsonProperty
    public String template = "";

    /** Also write every postmortem as {@code <incident-id>.md} and {@code .json} here (e.g. a Git checkout); empty = off. */
    @JsonProperty
    public String exportDir = "";

    public PostmortemSettings build() {
        List<PromQl.Template> metrics = metricQueries.isEmpty() ? PromQl.COROOT_DEFAULTS
                : metricQueries.entrySet().stream().map(e -> new PromQl.Template(e.getKey(), e.getValue())).toList();
        return new PostmortemSettings(optionalUri(lokiUrl), optionalUri(grafanaUrl), lokiDatasource, padding.toJavaDuration(),
                maxLogLines, prometheusDatasource, metrics);
    }

    /** The Markdown renderer: the user's template when {@code template} names one (read now, so a bad file fails start-up). */
    public MarkdownRenderer markdown() {
        return template == null || template.isBlank() ? new MarkdownRenderer() : MarkdownRenderer.fromFile(Path.of(template.trim()));
    }

    public Optional<PostmortemExporter> exporter(MarkdownRenderer markdown) {
        return exportDir == null || exportDir.isBlank()
                ? Optional.empty() : Optional.of(new PostmortemExporter(Path.of(exportDir.trim()), markdown, new JsonRenderer()));
    }

    private static Optional<URI> optionalUri(String url) {
        return url == null || url.isBlank() ? Optional.empty() : Optional.of(URI.create(url.trim()));
    }
}
