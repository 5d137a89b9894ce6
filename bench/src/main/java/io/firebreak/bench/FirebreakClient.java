package io.firebreak.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** POSTs Alertmanager bodies to a running firebreak with its bearer token. */
public final class FirebreakClient {

    private final HttpClient http;
    private final URI alertmanager;
    private final String token;

    public FirebreakClient(int port, String token) {
        // HTTP/1.1 like Alertmanager; the JDK's default (h2c upgrade attempts) would only add noise
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        this.alertmanager = URI.create("http://127.0.0.1:" + port + "/v1/alertmanager");
        this.token = token;
    }

    /** An answer: its status and, for 429/503, how long the server asked the sender to wait. */
    public record Answer(int status, long retryAfterSeconds) {
    }

    public int post(String body) throws IOException, InterruptedException {
        return send(body).status();
    }

    public Answer send(String body) throws IOException, InterruptedException {
        return answer(http.send(request(body), HttpResponse.BodyHandlers.discarding()));
    }

    /** Sends without waiting: for open-loop senders, whose schedule must not depend on the answers. */
    public CompletableFuture<Answer> sendAsync(String body) {
        return http.sendAsync(request(body), HttpResponse.BodyHandlers.discarding()).thenApply(FirebreakClient::answer);
    }

    private static Answer answer(HttpResponse<Void> response) {
        long retryAfter = response.headers().firstValue("Retry-After").map(v -> {
            try {
                return Long.parseLong(v.trim());
            } catch (NumberFormatException e) {
                return 1L;
            }
        }).orElse(1L);
        return new Answer(response.statusCode(), retryAfter);
    }

    public CompletableFuture<Integer> postAsync(String body) {
        return http.sendAsync(request(body), HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode);
    }

    private HttpRequest request(String body) {
        return HttpRequest.newBuilder(alertmanager).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
