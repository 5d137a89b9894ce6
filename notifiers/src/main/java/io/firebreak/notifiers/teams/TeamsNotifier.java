package io.firebreak.notifiers.teams;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Posts an Adaptive Card per notification to a Teams Workflows webhook. 200/202 are success (202 only means the flow
 * run was queued: card-level failures show in the flow's run history, not here); 408/429/5xx retry, honouring
 * Retry-After; 400/401/403/404 go to the DLQ (contracts/teams.md).
 *
 * <p>Teams has no idempotency key: a redelivery after a crash posts the card again. That is why updates are new
 * cards anyway, each naming the incident and its status, so a duplicate reads as a repeat, never as a new incident.
 *
 * <p>The webhook URL is the credential: reasons and logs name only its host and workflow path, and anything Teams
 * echoes is redacted.
 */
public final class TeamsNotifier implements Notifier {

    private static final int MAX_ERROR_TEXT = 300;

    private final URI webhookUrl;
    private final String where;
    private final TeamsSettings settings;
    private final RetryPolicy policy;
    private final HttpClient http;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final TeamsCards cards;

    public TeamsNotifier(TeamsSettings settings, RetryPolicy policy, HttpClient http, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.webhookUrl = settings.webhookUrl().orElseThrow(() -> new IllegalArgumentException(
                "Teams needs a webhook URL; use TeamsNotifier.fromSettings to fall back to the log receiver"));
        this.where = Http.withoutQuery(webhookUrl);
        this.policy = Objects.requireNonNull(policy, "policy");
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.cards = new TeamsCards(json, settings.dashboardUrl());
    }

    public TeamsNotifier(TeamsSettings settings, RetryPolicy policy) {
        this(settings, policy, Http.client(settings.timeout()), Clock.systemUTC());
    }

    /** The Teams notifier when a webhook URL is configured, else the log receiver (standalone default). */
    public static Notifier fromSettings(TeamsSettings settings, RetryPolicy policy) {
        return settings.webhookUrl().isPresent() ? new TeamsNotifier(settings, policy) : new LogNotifier(Channel.TEAMS.id());
    }

    @Override
    public DeliveryOutcome deliver(Notification n) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(cards.message(n));
        } catch (JsonProcessingException e) {
            return new DeliveryOutcome.Permanent("cannot write Teams card for incident " + n.getIncidentId() + ": "
                    + e.getOriginalMessage(), OptionalInt.empty());
        }
        HttpRequest request = HttpRequest.newBuilder(webhookUrl)
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<String> response;
        try {
            response = Http.send(http, request, "Teams", where);
        } catch (Http.Unanswered e) {
            return e.outcome();
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return DeliveryOutcome.delivered(n.getId(), status); // no message id comes back: our notification id is the ref
        }
        String reason = "Teams workflow " + where + " answered " + status + " for incident " + n.getIncidentId() + ": "
                + text(response.body());
        return policy.outcomeFor(status, redact(reason), RetryAfter.parse(response.headers().firstValue("Retry-After"), clock));
    }

    private String redact(String text) {
        String redacted = Secrets.redact(text, webhookUrl.toString());
        String query = webhookUrl.getRawQuery();
        if (query == null) {
            return redacted;
        }
        redacted = Secrets.redact(redacted, query);
        for (String parameter : query.split("&")) {
            if (parameter.startsWith("sig=") && parameter.length() > 4) {
                String sig = parameter.substring(4);
                redacted = Secrets.redact(Secrets.redact(redacted, sig), URLDecoder.decode(sig, StandardCharsets.UTF_8));
            }
        }
        return redacted;
    }

    private static String text(String body) {
        return Http.bodyText(body, MAX_ERROR_TEXT);
    }

    @Override
    public String toString() {
        return "TeamsNotifier[" + settings + "]";
    }
}
