package io.firebreak.schemas.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One outbound HTTP exchange on the JDK client, bounded in time and in size. The request's own timeout ends only
 * the wait for the response headers: a receiver that answers at once and then trickles its body, or never ends it,
 * would hold the calling thread (a notifier channel, a postmortem, a serde) for as long as it likes. Here one
 * deadline covers connect, send, headers and the whole body, and the body is refused past a byte limit; either way
 * the exchange is cancelled, which closes its connection.
 *
 * <p>Lives in the lowest module that speaks HTTP (the Schema Registry client) so that the notifiers and the
 * postmortem's Loki client use the same one.
 */
public final class BoundedExchange {

    private BoundedExchange() {
    }

    /**
     * Sends {@code request} and reads its answer as UTF-8 text, all within {@code deadline}.
     *
     * @throws HttpTimeoutException   when the whole answer did not arrive within the deadline
     * @throws BodyTooLargeException  when the answer's body is longer than {@code maxBodyBytes}
     * @throws IOException            when the receiver cannot be reached or the connection breaks
     * @throws InterruptedException   when the calling thread is interrupted (the exchange is cancelled first)
     */
    public static HttpResponse<String> send(HttpClient http, HttpRequest request, Duration deadline, int maxBodyBytes)
            throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<String>> exchange = http.sendAsync(request, info -> HttpResponse.BodySubscribers.mapping(
                new CappedBody(maxBodyBytes), bytes -> new String(bytes, StandardCharsets.UTF_8)));
        try {
            return exchange.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true); // since JDK 16 this aborts the exchange and closes its connection
            throw new HttpTimeoutException("no complete answer within " + deadline);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw asIoException(e.getCause());
        }
    }

    private static IOException asIoException(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof IOException io) {
            return io;
        }
        return new IOException(cause.getClass().getSimpleName(), cause);
    }

    /** The answer's body was longer than the caller accepts. */
    public static final class BodyTooLargeException extends IOException {
        private final int maxBodyBytes;

        public BodyTooLargeException(int maxBodyBytes) {
            super("answer body longer than " + maxBodyBytes + " bytes");
            this.maxBodyBytes = maxBodyBytes;
        }

        public int maxBodyBytes() {
            return maxBodyBytes;
        }
    }

    /** Collects the body until it ends, or cancels the subscription (and so the connection) past the limit. */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final int maxBytes;
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        CappedBody(int maxBytes) {
            this.maxBytes = maxBytes;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (body.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                if (received.size() + (long) buffer.remaining() > maxBytes) {
                    subscription.cancel();
                    body.completeExceptionally(new BodyTooLargeException(maxBytes));
                    return;
                }
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                received.writeBytes(bytes);
            }
        }

        @Override
        public void onError(Throwable failure) {
            body.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            body.complete(received.toByteArray());
        }
    }
}
