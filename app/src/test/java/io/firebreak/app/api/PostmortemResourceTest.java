package io.firebreak.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardClientExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.firebreak.events.Incident;
import io.firebreak.events.Postmortem;
import io.firebreak.events.Severity;
import io.firebreak.events.Stage;
import io.firebreak.ingest.IngestSettings;
import io.firebreak.ingest.auth.ApiToken;
import io.firebreak.ingest.auth.Scope;
import io.firebreak.ingest.auth.TokenAuthentication;
import io.firebreak.ingest.http.RateLimits;
import io.firebreak.postmortem.PostmortemBuilder;
import io.firebreak.postmortem.PostmortemSettings;
import io.firebreak.postmortem.render.JsonRenderer;
import io.firebreak.postmortem.render.MarkdownRenderer;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The postmortem API: the Markdown's chart link resolves to a route that serves the chart, under the same read scope. */
@ExtendWith(DropwizardExtensionsSupport.class)
class PostmortemResourceTest {

    private static final String RECOVERED = "oci-fra-1.20261128.0042";
    private static final String STILL_OPEN = "oci-fra-1.20261128.0043";
    private static final Instant OPENED = Instant.parse("2026-11-28T08:58:15Z");
    private static final Map<String, Incident> INCIDENTS = Map.of(RECOVERED, incident(RECOVERED), STILL_OPEN, incident(STILL_OPEN));
    private static final Postmortem POSTMORTEM = new PostmortemBuilder(
            new PostmortemSettings(Optional.empty(), Optional.empty(), "loki", Duration.ofMinutes(15), 20),
            Clock.fixed(OPENED.plusSeconds(3600), ZoneOffset.UTC)).build(INCIDENTS.get(RECOVERED));
    private static final Pattern IMAGE_LINK = Pattern.compile("!\\[[^]]*]\\(([^)]+)\\)");

    static final DropwizardClientExtension API = new DropwizardClientExtension(
            new PostmortemResource(id -> Optional.ofNullable(INCIDENTS.get(id)),
                    id -> RECOVERED.equals(id) ? Optional.of(POSTMORTEM) : Optional.empty(), new MarkdownRenderer(), new JsonRenderer()),
            new TokenAuthentication(List.of(new ApiToken("grafana", "read-secret", Set.of(Scope.READ)),
                    new ApiToken("fluent-bit", "ingest-secret", Set.of(Scope.INGEST))),
                    RateLimits.of(new IngestSettings.RateLimit(1000, 1000), Clock.systemUTC())));

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theMarkdownsChartLinkResolvesToTheChartServedAsSvg() throws Exception {
        URI markdownUri = uri("/v1/incidents/" + RECOVERED + "/postmortem");
        HttpResponse<String> markdown = get(markdownUri, "text/markdown", "read-secret");
        assertThat(markdown.statusCode()).as(markdown.body()).isEqualTo(200);
        Matcher link = IMAGE_LINK.matcher(markdown.body());
        assertThat(link.find()).as("an image link in %s", markdown.body()).isTrue();

        URI chartUri = markdownUri.resolve(link.group(1));
        HttpResponse<String> chart = get(chartUri, "image/svg+xml", "read-secret");

        assertThat(chartUri.getPath()).as("wherever the API is mounted").endsWith("/v1/incidents/" + RECOVERED + "/postmortem.svg");
        assertThat(chart.statusCode()).as(chart.body()).isEqualTo(200);
        assertThat(chart.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("image/svg+xml"));
        assertThat(DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(chart.body().getBytes(StandardCharsets.UTF_8))).getDocumentElement().getTagName())
                .isEqualTo("svg");
        assertThat(chart.body()).contains(RECOVERED);
    }

    @Test
    void theChartNeedsTheReadScopeLikeTheMarkdown() throws Exception {
        for (String path : List.of("/postmortem", "/postmortem.svg")) {
            URI uri = uri("/v1/incidents/" + RECOVERED + path);
            assertThat(get(uri, "*/*", null).statusCode()).as("%s without a token", path).isEqualTo(401);
            assertThat(get(uri, "*/*", "ingest-secret").statusCode()).as("%s with an ingest-only token", path).isEqualTo(403);
            assertThat(get(uri, "*/*", "read-secret").statusCode()).as("%s with a read token", path).isEqualTo(200);
        }
    }

    @Test
    void noChartForAnUnknownIncidentOrOneWithoutAPostmortemYet() throws Exception {
        HttpResponse<String> unknown = get(uri("/v1/incidents/oci-fra-1.20261128.0099/postmortem.svg"), "image/svg+xml", "read-secret");
        HttpResponse<String> open = get(uri("/v1/incidents/" + STILL_OPEN + "/postmortem.svg"), "image/svg+xml", "read-secret");

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("unknown incident");
        assertThat(open.statusCode()).isEqualTo(404);
        assertThat(open.body()).contains("no postmortem yet");
    }

    private HttpResponse<String> get(URI uri, String accept, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", accept).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create(API.baseUri().toString().replaceAll("/$", "") + path);
    }

    private static Incident incident(String id) {
        return Incident.newBuilder().setId(id).setCluster("oci-fra-1").setSeverity(Severity.HIGH).setStage(Stage.RECOVERED)
                .setOpenedAt(OPENED).setUpdatedAt(OPENED.plusSeconds(1800)).build();
    }
}
