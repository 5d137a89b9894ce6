package io.firebreak.notifiers;

import io.firebreak.events.Notification;
import io.firebreak.schemas.Serdes;
import io.firebreak.schemas.Topic;
import io.firebreak.schemas.Topics;
import io.firebreak.schemas.kafka.ClientConfigs;
import io.firebreak.schemas.kafka.CompactedTopicReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code replay-dlq <channel>}: sends a channel's dead letters back to its notify topic after the cause was fixed.
 *
 * <p>Each dead letter is re-produced unchanged but for {@code attempts} (reset to 0) and {@code failureReason}
 * (cleared), keyed by its incident id, so it keeps its notification id and the receivers' idempotency keys
 * (dedup_key, Slack card, webhook-id) still apply. Records the notifier could not read at all are re-produced as
 * raw bytes without the failure headers (schema ids are global: a fixed build reads them).
 *
 * <p>The replayer is consumer group {@code firebreak-dlq-replay-<channel>}: its offsets are committed after the
 * re-produced records were acknowledged, so an interrupted replay resumes where it stopped and a finished one is not
 * repeated. It reads up to the end offsets of when it started, so letters that fail again and return to the DLQ
 * during the replay are left for the next one instead of looping.
 */
public final class DlqReplayer {

    private static final Logger log = LoggerFactory.getLogger(DlqReplayer.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, Object> kafkaConfig;
    private final Serdes serdes;

    public DlqReplayer(Map<String, Object> kafkaConfig, Serdes serdes) {
        this.kafkaConfig = Map.copyOf(kafkaConfig);
        this.serdes = serdes;
    }

    public static String groupId(String channel) {
        return "firebreak-dlq-replay-" + channel;
    }

    /** Replays every dead letter not replayed before (from the group's position; the whole DLQ the first time). */
    public long replay(String channel) {
        return replay(channel, Optional.empty());
    }

    /** Replays the dead letters written at or after {@code from}, whatever was replayed before. */
    public long replay(String channel, Instant from) {
        return replay(channel, Optional.of(from));
    }

    private long replay(String channel, Optional<Instant> from) {
        Topic<Notification> dlq = Topics.deadLetters(channel);
        Topic<Notification> target = Topics.notify(channel);
        var reader = serdes.value(dlq).deserializer();
        var writer = serdes.value(target).serializer();
        AtomicLong replayed = new AtomicLong();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig(channel), new StringDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig(channel), new StringSerializer(), new ByteArraySerializer())) {
            CompactedTopicReader<String, byte[]> letters = new CompactedTopicReader<>(consumer);
            List<TopicPartition> partitions = letters.assign(List.of(dlq.name()), TIMEOUT);
            if (partitions.isEmpty()) {
                return 0;
            }
            position(consumer, partitions, from);
            letters.noteEnds(TIMEOUT);
            letters.readToEnd(records -> {
                List<Future<RecordMetadata>> acks = new ArrayList<>();
                Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
                for (ConsumerRecord<String, byte[]> record : records) {
                    acks.add(producer.send(replayRecord(target, record, reader, writer)));
                    done.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
                }
                awaitAll(acks);
                if (!done.isEmpty()) {
                    consumer.commitSync(done);
                }
                replayed.addAndGet(acks.size());
            });
        } catch (AckFailed e) {
            throw new IllegalStateException("replay of " + dlq.name() + (e.getCause() instanceof InterruptedException
                    ? " interrupted after " + replayed.get() + " records" : " failed after " + replayed.get() + " records: " + e.getMessage()), e.getCause());
        }
        log.info("dead letters replayed channel={} from={} to={} count={}", channel, dlq.name(), target.name(), replayed.get());
        return replayed.get();
    }

    /** Waits until Kafka acknowledged every re-produced letter, so their offsets may be committed. */
    private static void awaitAll(List<Future<RecordMetadata>> acks) {
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AckFailed("interrupted", e);
            } catch (ExecutionException e) {
                throw new AckFailed(String.valueOf(e.getCause()), e);
            }
        }
    }

    /** Carries a failed acknowledgement out of the reading loop, which takes no checked exceptions. */
    private static final class AckFailed extends RuntimeException {
        AckFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private ProducerRecord<String, byte[]> replayRecord(Topic<Notification> target, ConsumerRecord<String, byte[]> record,
                                                        org.apache.kafka.common.serialization.Deserializer<Notification> reader,
                                                        org.apache.kafka.common.serialization.Serializer<Notification> writer) {
        Notification letter;
        try {
            letter = reader.deserialize(record.topic(), record.headers(), record.value());
        } catch (RuntimeException unreadable) {
            return new ProducerRecord<>(target.name(), record.key(), record.value()); // raw poison: for a fixed reader
        }
        if (letter == null) {
            return new ProducerRecord<>(target.name(), record.key(), null);
        }
        Notification fresh = Notification.newBuilder(letter).setAttempts(0).setFailureReason(null).build();
        return new ProducerRecord<>(target.name(), letter.getIncidentId(), writer.serialize(target.name(), fresh));
    }

    private static void position(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions, Optional<Instant> from) {
        if (from.isPresent()) {
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(p -> query.put(p, from.get().toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, TIMEOUT);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            for (TopicPartition p : partitions) {
                OffsetAndTimestamp at = found.get(p);
                consumer.seek(p, at == null ? end.get(p) : at.offset());
            }
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new java.util.HashSet<>(partitions), TIMEOUT);
        for (TopicPartition p : partitions) {
            OffsetAndMetadata at = committed.get(p);
            if (at == null) {
                consumer.seekToBeginning(List.of(p));
            } else {
                consumer.seek(p, at.offset());
            }
        }
    }

    private Map<String, Object> consumerConfig(String channel) {
        return ClientConfigs.from(kafkaConfig).group(groupId(channel)).committedReads()
                .set(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500).build();
    }

    private Map<String, Object> producerConfig(String channel) {
        return ClientConfigs.from(kafkaConfig).acknowledged().clientId(groupId(channel)).build();
    }
}
