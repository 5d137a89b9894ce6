package io.firebreak.notifiers.soar;

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
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;

import java.util.Objects;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one Standard Webhooks event per lifecycle change to the SOAR endpoint. The body is serialised once and the
 * very bytes sent are signed; each attempt gets a fresh {@code webhook-timestamp} and signature but the same
 * {@code webhook-id}, which is what lets the receiver drop a redelivery (contracts/standard-webhooks.md).
 *
 * <p>Any 2xx is success; 408/425/429/5xx retry (Retry-After honoured); every other status, 410 Gone included, goes to
 * the DLQ with the reason: the issue sends non-retryable answers to the DLQ rather than retrying them for days.
 */
public final class SoarNotifier implements Notifier {

    private static final Logger log = LoggerFactory.getLogger(SoarNotifier.class);
    private static final int MAX_ERROR_TEXT = 300;
    static final String USER_AGENT = "firebreak/0.1";

    private final SoarSettings settings;
    private final URI url;
    private final WebhookSigner signer;
    private final RetryPolicy policy;
    private final HttpClient http;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final SoarEvents events = new SoarEvents(json);

    public SoarNotifier(SoarSettings settings, RetryPolicy policy, HttpClient http, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.url = settings.url().orElseThrow(() -> new IllegalArgumentException(
                "SOAR needs a URL; use SoarNotifier.fromSettings to fall back to the log receiver"));
        this.signer = new WebhookSigner(settings.secrets());
        this.policy = Objects.requireNonNull(policy, "policy");
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
        if ("http".equalsIgnoreCase(url.getScheme()) && !Http.isLoopback(url.getHost())) {
            log.warn("SOAR URL is not HTTPS, incident events travel in clear url={}", url);
        }
    }

    public SoarNotifier(SoarSettings settings, RetryPolicy policy) {
        this(settings, policy, Http.client(settings.timeout()), Clock.systemUTC());
    }

    /**
     * The SOAR notifier when a URL and at least one secret are configured, else the log receiver: events are never
     * sent unsigned, since a SOAR acts on them.
     */
    public static Notifier fromSettings(SoarSettings settings, RetryPolicy policy) {
        if (settings.url().isPresent() && settings.secrets().isEmpty()) {
            log.warn("SOAR URL configured without a signing secret, logging events instead url={}", settings.url().get());
        }
        return settings.url().isPresent() && !settings.secrets().isEmpty() ? new SoarNotifier(settings, policy) : new LogNotifier(Channel.SOAR.id());
    }

    @Override
    public DeliveryOutcome deliver(Notification n) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(events.event(n));
        } catch (JsonProcessingException e) {
            return new DeliveryOutcome.Permanent("cannot write SOAR event for incident " + n.getIncidentId() + ": "
                    + e.getOriginalMessage(), OptionalInt.empty());
        }
        String webhookId = SoarEvents.webhookId(n);
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .header("webhook-id", webhookId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signer.signature(webhookId, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<String> response;
        try {
            response = Http.send(http, request, "SOAR", Http.withoutQuery(url));
        } catch (Http.Unanswered e) {
            return e.outcome();
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return DeliveryOutcome.delivered(webhookId, status);
        }
        String reason = "SOAR " + Http.withoutQuery(url) + " answered " + status + " for " + SoarEvents.type(n.getKind())
                + " of incident " + n.getIncidentId() + (status == 410 ? " (endpoint gone: disable it or fix the URL)" : "")
                + ": " + text(response.body());
        return policy.outcomeFor(status, redact(reason), RetryAfter.parse(response.headers().firstValue("Retry-After"), clock));
    }

    private String redact(String text) {
        String redacted = text;
        for (String secret : settings.secrets()) {
            redacted = Secrets.redact(redacted, secret);
            redacted = Secrets.redact(redacted, secret.startsWith(WebhookSigner.PREFIX) ? secret.substring(WebhookSigner.PREFIX.length()) : secret);
        }
        return redacted;
    }

    private static String text(String body) {
        return Http.bodyText(body, MAX_ERROR_TEXT);
    }

    @Override
    public String toString() {
        return "SoarNotifier[" + settings + "]";
    }

}
