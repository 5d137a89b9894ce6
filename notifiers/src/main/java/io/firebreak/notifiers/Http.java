package io.firebreak.notifiers;

import io.firebreak.schemas.http.BoundedExchange;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * What every HTTP notifier shares: a client that never follows redirects (a 3xx is an answer to classify, and a
 * redirect could carry a signed body or a secret URL elsewhere), and one attempt, bounded in time and size, that turns
 * "no (complete) answer" into a retryable outcome. Reasons name the endpoint through {@code where}, which the caller keeps free of secrets.
 */
public final class Http {

    /** Receivers answer a notification with a status and a few lines of JSON; anything longer is not an answer. */
    public static final int MAX_ANSWER_BYTES = 64 * 1024;

    private Http() {
    }

    /** HTTP/1.1 keeps one POST per attempt predictable through egress proxies and needs no h2c upgrade on plain http. */
    public static HttpClient client(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Sends once, the request's timeout bounding the whole exchange (body included) and the answer at most
     * {@link #MAX_ANSWER_BYTES}; a timeout, an oversized answer, a network error or an interrupt becomes
     * {@link Unanswered} with a retryable outcome.
     */
    public static HttpResponse<String> send(HttpClient http, HttpRequest request, String receiver, String where)
            throws Unanswered {
        return send(http, request, receiver, where, MAX_ANSWER_BYTES);
    }

    /** As {@link #send(HttpClient, HttpRequest, String, String)}, for a receiver whose answers may be longer. */
    public static HttpResponse<String> send(HttpClient http, HttpRequest request, String receiver, String where, int maxAnswerBytes)
            throws Unanswered {
        Duration deadline = request.timeout().orElseThrow(() -> new IllegalArgumentException(
                "a request to " + receiver + " needs a timeout: it is the deadline of the whole exchange"));
        try {
            return BoundedExchange.send(http, request, deadline, maxAnswerBytes);
        } catch (HttpTimeoutException e) {
            throw new Unanswered(DeliveryOutcome.unreachable(receiver + " did not answer completely within " + deadline
                    + " at " + where));
        } catch (BoundedExchange.BodyTooLargeException e) {
            throw new Unanswered(DeliveryOutcome.unreachable(receiver + " answered more than " + e.maxBodyBytes()
                    + " bytes at " + where));
        } catch (IOException e) {
            // the exception's class only: some JDK messages quote the request URI, which may hold a secret
            throw new Unanswered(DeliveryOutcome.unreachable("cannot reach " + receiver + " at " + where + ": "
                    + e.getClass().getSimpleName()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the service is stopping; it will not commit this record
            throw new Unanswered(DeliveryOutcome.unreachable("interrupted while sending to " + receiver + " at " + where));
        }
    }

    /** {@code https://host:port/path}: the query (where Teams keeps its signature) and user info left out. */
    public static String withoutQuery(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() >= 0 ? ":" + url.getPort() : "")
                + (url.getRawPath() == null ? "" : url.getRawPath());
    }

    public static boolean isLoopback(String host) {
        return "localhost".equalsIgnoreCase(host) || "127.0.0.1".equals(host) || "[::1]".equals(host) || "::1".equals(host);
    }

    /** At most {@code maxChars} code points (no emoji cut in half), ending in … when cut. */
    public static String truncate(String text, int maxChars) {
        if (text.codePointCount(0, text.length()) <= maxChars) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, maxChars - 1)) + "…";
    }

    /** A receiver's answer body for an error reason: stripped, at most {@code maxChars}, and never empty. */
    public static String bodyText(String body, int maxChars) {
        return body == null || body.isBlank() ? "(empty body)" : truncate(body.strip(), maxChars);
    }

    /** No HTTP answer came: carries the retryable outcome to report. */
    public static final class Unanswered extends Exception {
        private final transient DeliveryOutcome.Retryable outcome;

        public Unanswered(DeliveryOutcome.Retryable outcome) {
            super(outcome.reason(), null, false, false);
            this.outcome = outcome;
        }

        public DeliveryOutcome.Retryable outcome() {
            return outcome;
        }
    }
}
