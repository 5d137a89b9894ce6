package io.firebreak.app.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The HTTP API of a running firebreak, as the replayer (or any script) uses it. */
public final class FirebreakClient {

    private final URI base;
    private final String token;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public FirebreakClient(URI base, String token, ObjectMapper json) {
        this.base = URI.create(base.toString().endsWith("/") ? base.toString() : base + "/");
        this.token = token;
        this.json = json;
    }

    /** An answer: status and body, for the replayer to report. */
    public record Answer(int status, String body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    public Answer post(String path, String body, String contentType) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path.startsWith("/") ? path.substring(1) : path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    public List<JsonNode> incidents(Optional<String> service) throws IOException, InterruptedException {
        String query = "v1/incidents?limit=1000" + service.map(s -> "&service=" + URLEncoder.encode(s, StandardCharsets.UTF_8)).orElse("");
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(query)).timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET /" + query + " answered " + response.statusCode() + ": " + response.body());
        }
        List<JsonNode> incidents = new ArrayList<>();
        json.readTree(response.body()).path("incidents").forEach(incidents::add);
        return incidents;
    }
}
