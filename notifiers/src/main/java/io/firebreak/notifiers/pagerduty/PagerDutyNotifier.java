package io.firebreak.notifiers.pagerduty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebreak.core.channel.Channel;
import io.firebreak.events.Notification;
import io.firebreak.notifiers.DeliveryOutcome;
import io.firebreak.notifiers.Http;
import io.firebreak.notifiers.LogNotifier;
import io.firebreak.notifiers.Notifier;
import io.firebreak.notifiers.RetryAfter;
import io.firebreak.notifiers.RetryPolicy;
import io.firebreak.notifiers.Secrets;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends notifications as PagerDuty Events API v2 events (trigger / acknowledge / resolve, dedup_key = incident id).
 *
 * <p>Written on the JDK {@link HttpClient} and Jackson rather than {@code com.github.dikhan:pagerduty-client}:
 * that client's {@code notifyEvent} returns an {@code EventResult} or throws {@code NotifyEventException}, which
 * hides the HTTP status and the {@code Retry-After} header, and both are what our {@link RetryPolicy} decides on
 * (429/5xx retry with the receiver's delay, 400 goes to the DLQ). It would also bring org.json and commons-lang3
 * for what is one POST of one JSON object.
 *
 * <p>The routing key is the only credential (no Authorization header); it never appears in outcomes, logs or
 * {@link #toString()}: answers from PagerDuty are redacted in case they echo it.
 */
public final class PagerDutyNotifier implements Notifier {

    private static final Logger log = LoggerFactory.getLogger(PagerDutyNotifier.class);

    /** PagerDuty answers are small JSON objects; more than this is not worth reading into an error message. */
    private static final int MAX_ERROR_TEXT = 500;

    private final PagerDutySettings settings;
    private final RetryPolicy policy;
    private final HttpClient http;
    private final Clock clock;
    private final ObjectMapper json;
    private final PagerDutyEvents events;

    public PagerDutyNotifier(PagerDutySettings settings, RetryPolicy policy, HttpClient http, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        if (!settings.configured()) {
            throw new IllegalArgumentException("PagerDuty needs a routing key; use PagerDutyNotifier.fromSettings to fall back to the log receiver");
        }
        this.policy = Objects.requireNonNull(policy, "policy");
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.json = new ObjectMapper();
        this.events = new PagerDutyEvents(json);
        if ("http".equalsIgnoreCase(settings.url().getScheme()) && !Http.isLoopback(settings.url().getHost())) {
            // the routing key travels in the body: over plain HTTP anyone on the path can page our on-call
            log.warn("PagerDuty URL is not HTTPS, the routing key is sent in clear url={}", settings.url());
        }
    }

    public PagerDutyNotifier(PagerDutySettings settings, RetryPolicy policy) {
        this(settings, policy, Http.client(settings.timeout()), Clock.systemUTC());
    }

    /** The PagerDuty notifier when a routing key is configured, else the log receiver (standalone default). */
    public static Notifier fromSettings(PagerDutySettings settings, RetryPolicy policy) {
        return settings.configured() ? new PagerDutyNotifier(settings, policy) : new LogNotifier(Channel.PAGERDUTY.id());
    }

    @Override
    public DeliveryOutcome deliver(Notification n) {
        String dedupKey = PagerDutyEvents.dedupKey(n);
        Optional<String> team = Optional.ofNullable(n.getDetails().get("team")).filter(t -> !t.isBlank());
        Optional<String> chosen = settings.routingKeyFor(n.getServices(), team);
        if (chosen.isEmpty()) {
            return new DeliveryOutcome.Permanent("no PagerDuty routing key for incident " + n.getIncidentId() + " (services "
                    + n.getServices() + ", team " + team.orElse("none") + ") and no default routingKey", OptionalInt.empty());
        }
        String routingKey = chosen.get();
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(settings.url())
                    .timeout(settings.timeout())
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(events.bytes(n, routingKey)))
                    .build();
        } catch (JsonProcessingException e) {
            return new DeliveryOutcome.Permanent("cannot write PagerDuty event for incident " + n.getIncidentId()
                    + ": " + e.getOriginalMessage(), OptionalInt.empty());
        }
        HttpResponse<String> response;
        try {
            response = Http.send(http, request, "PagerDuty", settings.url().toString());
        } catch (Http.Unanswered e) {
            return e.outcome();
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return DeliveryOutcome.delivered(answeredDedupKey(response.body()).orElse(dedupKey), status);
        }
        String reason = "PagerDuty answered " + status + " for " + PagerDutyEvents.eventAction(n.getKind())
                + " of incident " + n.getIncidentId() + ": " + errorText(response.body());
        return policy.outcomeFor(status, Secrets.redact(reason, routingKey),
                RetryAfter.parse(response.headers().firstValue("Retry-After"), clock));
    }

    /** 202 answers carry the dedup key PagerDuty filed the event under; ours, unless something rewrote it. */
    private Optional<String> answeredDedupKey(String body) {
        try {
            JsonNode answer = json.readTree(body);
            return answer != null && answer.path("dedup_key").isTextual()
                    ? Optional.of(answer.get("dedup_key").asText()) : Optional.empty();
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }

    /** "Event object is invalid: 'payload.severity' is invalid; ..." from PagerDuty's {message, errors[]}, else the raw body. */
    private String errorText(String body) {
        try {
            JsonNode answer = json.readTree(body);
            if (answer != null && answer.isObject()) {
                List<String> parts = new ArrayList<>();
                if (answer.path("message").isTextual()) {
                    parts.add(answer.get("message").asText());
                }
                answer.path("errors").forEach(error -> parts.add(error.asText()));
                if (!parts.isEmpty()) {
                    return Http.truncate(String.join("; ", parts), MAX_ERROR_TEXT);
                }
            }
        } catch (IOException notJson) {
            // fall through to the raw text: a proxy's HTML error page still says something
        }
        return Http.bodyText(body, MAX_ERROR_TEXT);
    }

    @Override
    public String toString() {
        return "PagerDutyNotifier[" + settings + "]";
    }
}
