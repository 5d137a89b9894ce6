package io.firebreak.app.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.firebreak.postmortem.PostmortemSettings;
import io.firebreak.postmortem.export.PostmortemExporter;
import io.firebreak.postmortem.render.JsonRenderer;
import io.firebreak.postmortem.render.MarkdownRenderer;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/** {@code postmortem:} — where the postmortem's log queries and Explore links point. */
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

    /** A Mustache template replacing the bundled Markdown layout (empty = bundled). */
    @JsonProperty
    public String template = "";

    /** Also write every postmortem as {@code <incident-id>.md} and {@code .json} here (e.g. a Git checkout); empty = off. */
    @JsonProperty
    public String exportDir = "";

    public PostmortemSettings build() {
        return new PostmortemSettings(optionalUri(lokiUrl), optionalUri(grafanaUrl), lokiDatasource, padding.toJavaDuration(),
                maxLogLines);
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
