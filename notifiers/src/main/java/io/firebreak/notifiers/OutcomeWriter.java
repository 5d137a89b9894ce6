package io.firebreak.notifiers;

import io.firebreak.events.DeliveryReceipt;
import io.firebreak.events.Notification;
import io.firebreak.schemas.Serdes;
import io.firebreak.schemas.Topic;
import io.firebreak.schemas.Topics;
import io.firebreak.schemas.kafka.ReceiptRecords;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what a finished record leaves behind: its {@link DeliveryReceipt} on {@code firebreak.deliveries.v1} and,
 * when it was given up on, the dead letter on the channel's DLQ. Sending does not wait: {@link #settle} waits for
 * Kafka's acknowledgement later, once per batch, and retries only the writes Kafka or the schema registry refused.
 */
final class OutcomeWriter {

    private static final Logger log = LoggerFactory.getLogger(OutcomeWriter.class);

    /** Waits between two write attempts; false means stop (shutting down, or the record is no longer ours). */
    @FunctionalInterface
    interface Pause {
        boolean await(Duration wait, TopicPartition owner);
    }

    private final String channel;
    private final Producer<String, byte[]> producer;
    private final Serdes serdes;
    private final RetryPolicy policy;
    private final ChannelHealth health;
    private final Clock clock;
    private final Topic<Notification> deadLetters;

    OutcomeWriter(String channel, Producer<String, byte[]> producer, Serdes serdes, RetryPolicy policy, ChannelHealth health, Clock clock) {
        this.channel = channel;
        this.producer = producer;
        this.serdes = serdes;
        this.policy = policy;
        this.health = health;
        this.clock = clock;
        this.deadLetters = Topics.deadLetters(channel);
    }

    /**
     * The outputs of one consumed record, sent but maybe not acknowledged yet. {@code outputs} is called again on
     * every retry, because a failed serialization (registry unreachable) must be redone, not replayed.
     */
    static final class Write {
        final TopicPartition partition;
        final long offset;
        private final Supplier<List<ProducerRecord<String, byte[]>>> outputs;
        private List<Future<RecordMetadata>> acks = List.of();
        private RuntimeException refused;

        Write(TopicPartition partition, long offset, Supplier<List<ProducerRecord<String, byte[]>>> outputs) {
            this.partition = partition;
            this.offset = offset;
            this.outputs = outputs;
        }
    }

    Write delivered(TopicPartition partition, long offset, Notification n, DeliveryOutcome.Delivered outcome, int attempts) {
        return send(new Write(partition, offset, () -> List.of(receipt(DeliveryRecords.receipt(n, outcome, attempts, clock.instant())))));
    }

    /**
     * Reports a failed attempt that will be retried. Not waited for and not part of any commit: it only shows the
     * pending delivery, and the next attempt reports again if this one is lost.
     */
    void retrying(Notification n, int failedAttempts, DeliveryOutcome.Retryable failure, Instant nextAttemptAt) {
        try {
            producer.send(receipt(DeliveryRecords.retrying(n, failedAttempts, failure, nextAttemptAt, clock.instant())), (metadata, error) -> {
                if (error != null) {
                    log.warn("cannot report the retried delivery channel={} incident={} notification={} error={}",
                            channel, n.getIncidentId(), n.getId(), error.toString());
                }
            });
        } catch (WakeupException | InterruptException e) {
            throw e;
        } catch (RuntimeException e) {
            log.warn("cannot report the retried delivery channel={} incident={} notification={} error={}",
                    channel, n.getIncidentId(), n.getId(), e.toString());
        }
    }

    Write deadLettered(TopicPartition partition, long offset, Notification n, DeliveryRecords.DeadLetter letter) {
        return send(new Write(partition, offset, () -> List.of(
                new ProducerRecord<>(deadLetters.name(), n.getIncidentId(),
                        serdes.value(deadLetters).serializer().serialize(deadLetters.name(), DeliveryRecords.deadLetter(n, letter))),
                receipt(DeliveryRecords.deadLetterReceipt(n, letter, clock.instant())))));
    }

    /**
     * A record this build cannot read would block its partition forever: its bytes go to the DLQ unchanged (schema
     * ids are global, so a fixed reader can replay them), with the reason and origin in headers.
     */
    Write unreadable(ConsumerRecord<String, byte[]> record, TopicPartition partition, RuntimeException error) {
        return send(new Write(partition, record.offset(), () -> {
            ProducerRecord<String, byte[]> dead = new ProducerRecord<>(deadLetters.name(), record.key(), record.value());
            dead.headers().add(NotifierService.FAILURE_HEADER, ("unreadable: " + error).getBytes(StandardCharsets.UTF_8));
            dead.headers().add(NotifierService.ORIGIN_HEADER,
                    (record.topic() + "/" + record.partition() + "/" + record.offset()).getBytes(StandardCharsets.UTF_8));
            return List.of(dead);
        }));
    }

    /** Nothing to write (a tombstone): only the offset is to be committed. */
    Write nothing(TopicPartition partition, long offset) {
        return new Write(partition, offset, List::of);
    }

    /** Sends everything still in the producer's buffers and waits for every acknowledgement, failed or not. */
    void flush() {
        producer.flush();
    }

    /**
     * Waits until the write is acknowledged, re-sending it with backoff while Kafka or the schema registry refuses:
     * re-delivering instead would page again for every failed receipt while the outage lasts. The service reports
     * unhealthy meanwhile.
     *
     * @return true once acknowledged; false when {@code pause} said stop (the record stays uncommitted)
     */
    boolean settle(Write write, Pause pause) {
        for (int failures = 1; ; failures++) {
            Throwable cause;
            try {
                if (write.refused != null) {
                    throw write.refused;
                }
                for (Future<RecordMetadata> ack : write.acks) {
                    ack.get();
                }
                return true;
            } catch (WakeupException | InterruptException e) {
                throw e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptException(e);
            } catch (ExecutionException e) {
                cause = e.getCause();
            } catch (RuntimeException e) {
                cause = e; // the serializer could not reach the schema registry, or the producer refused the send
            }
            health.failed("cannot write to Kafka: " + cause);
            Duration wait = policy.backoff(failures, ThreadLocalRandom.current().nextDouble());
            log.error("cannot write delivery receipt, will retry the write channel={} partition={} offset={} attempt={} retryIn={} error={}",
                    channel, write.partition, write.offset, failures, wait, String.valueOf(cause));
            if (!pause.await(wait, write.partition)) {
                return false; // stopping or no longer ours: uncommitted, so delivered again by whoever reads it next
            }
            send(write);
            flush();
        }
    }

    private Write send(Write write) {
        write.refused = null;
        try {
            write.acks = write.outputs.get().stream().map(producer::send).toList();
        } catch (WakeupException | InterruptException e) {
            throw e;
        } catch (RuntimeException e) {
            write.acks = List.of();
            write.refused = e;
        }
        return write;
    }

    private ProducerRecord<String, byte[]> receipt(DeliveryReceipt receipt) {
        return ReceiptRecords.of(producer, serdes, receipt);
    }
}
