package io.firebreak.notifiers.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firebreak.notifiers.DeliveryOutcome;
import io.firebreak.notifiers.Http;
import io.firebreak.notifiers.RetryAfter;
import io.firebreak.notifiers.RetryPolicy;
import io.firebreak.notifiers.Secrets;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * One Slack Web API method call: {@code POST <apiUrl>/<method>} with the bot token and a JSON body, answered
 * with the JSON body when {@code "ok":true}, else a {@link Failure} carrying Slack's error code and the
 * classified outcome. HTTP 200 is not success in Slack: the body decides.
 */
final class SlackApi {

    private static final int MAX_ERROR_TEXT = 300;
    /** Longer than other receivers' answers: a conversations.list page lists up to 1000 channels, chat.* echo the card. */
    private static final int MAX_ANSWER_BYTES = 4 * 1024 * 1024;

    private final URI apiUrl;
    private final String token;
    private final RetryPolicy policy;
    private final HttpClient http;
    private final Clock clock;
    private final ObjectMapper json;
    private final java.time.Duration timeout;

    SlackApi(SlackSettings settings, RetryPolicy policy, HttpClient http, Clock clock, ObjectMapper json) {
        this.apiUrl = settings.apiUrl();
        this.token = settings.token().orElseThrow(() -> new IllegalArgumentException("Slack needs a bot token"));
        this.timeout = settings.timeout();
        this.policy = policy;
        this.http = http;
        this.clock = clock;
        this.json = json;
    }

    /** A write method (chat.*, conversations.create/invite): JSON body. */
    JsonNode call(String method, ObjectNode body) throws Failure {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new Failure("", new DeliveryOutcome.Permanent("cannot write Slack " + method + " request: " + e.getMessage(),
                    OptionalInt.empty()));
        }
        return send(method, "application/json; charset=utf-8", bytes);
    }

    /** A read method (conversations.list): Slack reads their arguments form-encoded, not from JSON. */
    JsonNode callForm(String method, Map<String, String> arguments) throws Failure {
        String form = arguments.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(method, "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode send(String method, String contentType, byte[] body) throws Failure {
        URI url = URI.create(apiUrl.toString().replaceAll("/+$", "") + "/" + method);
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<String> response;
        try {
            response = Http.send(http, request, "Slack " + method, Http.withoutQuery(url), MAX_ANSWER_BYTES);
        } catch (Http.Unanswered e) {
            throw new Failure("", e.outcome());
        }
        int status = response.statusCode();
        if (status < 200 || status >= 300) {
            String reason = "Slack " + method + " answered HTTP " + status + ": " + text(response.body());
            throw new Failure("", policy.outcomeFor(status, redact(reason),
                    RetryAfter.parse(response.headers().firstValue("Retry-After"), clock)));
        }
        JsonNode answer;
        try {
            answer = json.readTree(response.body());
        } catch (IOException e) {
            answer = null;
        }
        if (answer == null || !answer.isObject()) {
            // a proxy's page instead of Slack's JSON: nothing says it will not work next time
            throw new Failure("", new DeliveryOutcome.Retryable("Slack " + method + " answered HTTP " + status
                    + " without JSON: " + text(response.body()), OptionalInt.of(status), Optional.empty()));
        }
        if (answer.path("ok").asBoolean(false)) {
            return answer;
        }
        String error = answer.path("error").asText("unknown_error");
        String reason = redact("Slack " + method + " failed: " + error + details(answer));
        DeliveryOutcome outcome = SlackErrors.retryable(error)
                ? new DeliveryOutcome.Retryable(reason, OptionalInt.of(status),
                        RetryAfter.parse(response.headers().firstValue("Retry-After"), clock))
                : new DeliveryOutcome.Permanent(reason, OptionalInt.of(status));
        throw new Failure(error, outcome);
    }

    /** missing_scope says which scope; invalid_blocks says which block. Both help whoever reads the DLQ. */
    private static String details(JsonNode answer) {
        List<String> parts = new ArrayList<>();
        if (answer.path("needed").isTextual()) {
            parts.add("needed=" + answer.get("needed").asText());
        }
        answer.path("errors").forEach(e -> parts.add(e.isTextual() ? e.asText() : e.toString()));
        answer.path("response_metadata").path("messages").forEach(m -> parts.add(m.asText()));
        return parts.isEmpty() ? "" : " (" + Http.truncate(String.join("; ", parts), MAX_ERROR_TEXT) + ")";
    }

    private String text(String body) {
        return Http.bodyText(body, MAX_ERROR_TEXT);
    }

    private String redact(String text) {
        return Secrets.redact(text, token);
    }

    /** A call that did not succeed: Slack's error code ("" when it gave none) and what it means for delivery. */
    static final class Failure extends Exception {
        private final String error;
        private final transient DeliveryOutcome outcome;

        Failure(String error, DeliveryOutcome outcome) {
            super(error, null, false, false);
            this.error = error;
            this.outcome = outcome;
        }

        String error() {
            return error;
        }

        DeliveryOutcome outcome() {
            return outcome;
        }
    }
}
