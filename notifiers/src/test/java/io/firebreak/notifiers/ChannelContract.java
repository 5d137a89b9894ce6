package io.firebreak.notifiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.firebreak.embedded.StallingReceiver;
import io.firebreak.events.Notification;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cases every HTTP channel must pass (STYLE.md: shared helpers for what every integration must pass): success
 * is delivered, 5xx / 408 / 429 / timeouts / unreachable endpoints are retryable (429 with the receiver's
 * Retry-After), 400 / 401 / 403 / 404 are permanent (→ DLQ), a receiver that stalls in its answer's body or never
 * ends it costs one deadline and is retried, and no secret appears in any reason, even when the receiver echoes it. A channel's contract test extends this and says how to build its notifier.
 */
public abstract class ChannelContract {

    /** How long one attempt at a stalling receiver may take, and what a loaded machine may add to it. */
    private static final Duration STALL_DEADLINE = Duration.ofSeconds(1);
    private static final Duration STALL_MARGIN = Duration.ofSeconds(3);

    protected final MockWebServer server = new MockWebServer();

    /** The channel's notifier, pointed at the receiver at {@code base} (its scheme, host and port), one attempt limited to {@code timeout}. */
    protected abstract Notifier notifier(URI base, Duration timeout);

    /** The channel's notifier, pointed at {@link #server}, one attempt limited to {@code timeout}. */
    protected Notifier notifier(MockWebServer server, Duration timeout) {
        return notifier(server.url("/").uri(), timeout);
    }

    /** What the receiver answers when it accepts the notification. */
    protected abstract MockResponse accepted();

    /** A notification this channel delivers with exactly one HTTP request when the receiver accepts it. */
    protected abstract Notification notification();

    /** Every credential of the channel's configuration: none may show in a reason. */
    protected abstract List<String> secrets();

    @BeforeEach
    void startReceiver() throws IOException {
        server.start();
    }

    @AfterEach
    void stopReceiver() {
        server.close();
    }

    protected DeliveryOutcome deliverAnswering(MockResponse answer) {
        server.enqueue(answer);
        return notifier(server, Duration.ofSeconds(5)).deliver(notification());
    }

    /** An error page that quotes every secret back, the worst case for leaking them through reasons. */
    protected MockResponse echoingSecrets(int status) {
        return new MockResponse.Builder().code(status).setHeader("Content-Type", "text/plain")
                .body("rejected request with " + String.join(" and ", secrets())).build();
    }

    @Test
    void acceptedNotificationIsDelivered() {
        assertThat(deliverAnswering(accepted())).isInstanceOf(DeliveryOutcome.Delivered.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504, 408})
    void serverErrorsAndTimeoutsAnswersAreRetryable(int status) {
        DeliveryOutcome outcome = deliverAnswering(echoingSecrets(status));
        assertThat(outcome).isInstanceOf(DeliveryOutcome.Retryable.class);
        assertThat(outcome.httpStatus()).hasValue(status);
        assertNoSecretIn(((DeliveryOutcome.Retryable) outcome).reason());
    }

    @Test
    void rateLimitIsRetryableAfterTheReceiversRetryAfter() {
        DeliveryOutcome outcome = deliverAnswering(new MockResponse.Builder().code(429).setHeader("Retry-After", "7").body("slow down").build());
        assertThat(outcome).isInstanceOf(DeliveryOutcome.Retryable.class);
        assertThat(((DeliveryOutcome.Retryable) outcome).retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(outcome.httpStatus()).hasValue(429);
    }

    @Test
    void aReceiverThatDoesNotAnswerInTimeIsRetryable() {
        server.enqueue(new MockResponse.Builder().code(200).headersDelay(3, TimeUnit.SECONDS).build());
        DeliveryOutcome outcome = notifier(server, Duration.ofMillis(300)).deliver(notification());
        assertThat(outcome).isInstanceOf(DeliveryOutcome.Retryable.class);
        assertThat(outcome.httpStatus()).isEmpty();
        assertNoSecretIn(((DeliveryOutcome.Retryable) outcome).reason());
    }

    @Test
    void anUnreachableReceiverIsRetryable() {
        Notifier notifier = notifier(server, Duration.ofSeconds(2));
        server.close();
        DeliveryOutcome outcome = notifier.deliver(notification());
        assertThat(outcome).isInstanceOf(DeliveryOutcome.Retryable.class);
        assertNoSecretIn(((DeliveryOutcome.Retryable) outcome).reason());
    }

    @Test
    void aReceiverThatTricklesItsAnswerCostsOneDeadlineAndIsRetryable() throws IOException {
        try (StallingReceiver trickling = StallingReceiver.trickling()) {
            assertOneRetryableAttempt(trickling, STALL_DEADLINE, "did not answer completely within");
        }
    }

    @Test
    void aReceiverThatNeverEndsItsAnswerIsCutAtTheSizeLimitAndIsRetryable() throws IOException {
        try (StallingReceiver endless = StallingReceiver.endless()) {
            // a deadline far away: the size cap, not the clock, ends this attempt
            assertOneRetryableAttempt(endless, Duration.ofSeconds(30), "answered more than \\d+ bytes");
        }
    }

    @Test
    void aStallingReceiverIsCountedAsFailedAndRetriedByTheRetryStage() throws IOException {
        try (StallingReceiver endless = StallingReceiver.endless()) {
            NotifierMetrics metrics = new NotifierMetrics(new NotifierMetrics.Families(new PrometheusRegistry()), "contract", () -> 0L);
            RetryPolicy twoAttempts = RetryPolicy.defaults().withBackoff(Duration.ZERO, Duration.ZERO).withLimits(2, Duration.ofHours(1));
            RetryingDelivery retrying = new RetryingDelivery("contract", notifier(endless.url("/"), STALL_DEADLINE), twoAttempts,
                    metrics, Clock.systemUTC(), () -> 0.0);

            RetryingDelivery.Result result = assertTimeoutPreemptively(STALL_DEADLINE.multipliedBy(2).plus(STALL_MARGIN),
                    () -> retrying.deliver(notification(), wait -> true));

            assertThat(result).isInstanceOf(RetryingDelivery.Result.DeadLettered.class);
            assertThat(metrics.failed.getLongValue()).isEqualTo(2);
            assertThat(metrics.retried.getLongValue()).isEqualTo(1);
            assertThat(endless.requests()).isEqualTo(2);
            assertHungUp(endless);
        }
    }

    /** One attempt ends within the stall deadline (the test fails instead of hanging), retryable, its reason clean. */
    private void assertOneRetryableAttempt(StallingReceiver receiver, Duration deadline, String reasonPattern) {
        Notifier notifier = notifier(receiver.url("/"), deadline);
        DeliveryOutcome outcome = assertTimeoutPreemptively(STALL_DEADLINE.plus(STALL_MARGIN), () -> notifier.deliver(notification()),
                "one deadline bounds the whole exchange, the answer's body included");
        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Retryable.class, retryable -> {
            assertThat(retryable.httpStatus()).isEmpty();
            assertThat(retryable.reason()).containsPattern(reasonPattern);
            assertNoSecretIn(retryable.reason());
        });
        assertHungUp(receiver);
    }

    /** The receiver saw the connection closed: no thread, ours or the client's, stays on the stalled answer. */
    private static void assertHungUp(StallingReceiver receiver) {
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.openAnswers() == 0);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404})
    void rejectedRequestsArePermanentSoTheyGoToTheDlq(int status) {
        DeliveryOutcome outcome = deliverAnswering(echoingSecrets(status));
        assertThat(outcome).isInstanceOf(DeliveryOutcome.Permanent.class);
        assertThat(outcome.httpStatus()).hasValue(status);
        String reason = ((DeliveryOutcome.Permanent) outcome).reason();
        assertThat(reason).contains(Integer.toString(status));
        assertNoSecretIn(reason);
    }

    @Test
    void theNotifierDescribesItselfWithoutSecrets() {
        assertNoSecretIn(notifier(server, Duration.ofSeconds(1)).toString());
    }

    protected void assertNoSecretIn(String text) {
        for (String secret : secrets()) {
            assertThat(text).doesNotContain(secret);
        }
    }
}
