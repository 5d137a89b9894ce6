package io.firebreak.schemas.kafka.errors;

import io.firebreak.schemas.DeadLetterTopic;
import io.firebreak.schemas.kafka.ClientConfigs;
import io.firebreak.schemas.kafka.CompactedTopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a dead-letter topic's records back where they came from once the cause is fixed: how each record is re-made
 * is the caller's (a notification gets its attempts reset; a parked streams input goes back to its source topic).
 *
 * <p>The replay is a consumer group of its own: its offsets are committed after the re-produced records were
 * acknowledged, so an interrupted replay resumes where it stopped and a finished one is not repeated. It reads up to the
 * end offsets of when it started, so records that fail again and return to the dead-letter topic during the replay
 * are left for the next one instead of looping.
 */
public final class DeadLetterReplay {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterReplay.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, Object> kafkaConfig;

    public DeadLetterReplay(Map<String, Object> kafkaConfig) {
        this.kafkaConfig = Map.copyOf(kafkaConfig);
    }

    /**
     * Replays {@code dlq} as consumer group {@code group}: from the group's position (the whole topic the first time),
     * or every record written at or after {@code from}. {@code remake} returns the record to send, or empty to skip.
     *
     * @return how many records were sent
     */
    public long replay(String dlq, String group, Optional<Instant> from,
                       Function<ConsumerRecord<byte[], byte[]>, Optional<ProducerRecord<byte[], byte[]>>> remake) {
        AtomicLong replayed = new AtomicLong();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig(group), new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig(group), new ByteArraySerializer(), new ByteArraySerializer())) {
            CompactedTopicReader<byte[], byte[]> letters = new CompactedTopicReader<>(consumer);
            List<TopicPartition> partitions = letters.assign(List.of(dlq), TIMEOUT);
            if (partitions.isEmpty()) {
                return 0;
            }
            position(consumer, partitions, from);
            letters.noteEnds(TIMEOUT);
            letters.readToEnd(records -> {
                List<Future<RecordMetadata>> acks = new ArrayList<>();
                Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    remake.apply(record).ifPresent(again -> acks.add(producer.send(again)));
                    done.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
                }
                awaitAll(acks);
                if (!done.isEmpty()) {
                    consumer.commitSync(done);
                }
                replayed.addAndGet(acks.size());
            });
        } catch (AckFailed e) {
            throw new IllegalStateException("replay of " + dlq + (e.getCause() instanceof InterruptedException
                    ? " interrupted after " + replayed.get() + " records" : " failed after " + replayed.get() + " records: " + e.getMessage()), e.getCause());
        }
        log.info("event=dead_letters_replayed dlq={} group={} count={}", dlq, group, replayed.get());
        return replayed.get();
    }

    /**
     * A parked Kafka Streams input, re-made for the topic it was read from (its {@code __streams.errors.topic} header):
     * key, value and its own headers as read, the failure headers dropped. Empty when that topic is not one of
     * {@code sources} (a record from elsewhere, or without the header, is never sent anywhere).
     */
    public static Optional<ProducerRecord<byte[], byte[]>> toSource(ConsumerRecord<byte[], byte[]> parked, Set<String> sources) {
        Header topic = parked.headers().lastHeader(DeadLetters.TOPIC);
        String source = topic == null ? null : new String(topic.value(), StandardCharsets.UTF_8);
        if (source == null || !sources.contains(source)) {
            log.warn("event=dead_letter_skipped dlq={} offset={} reason=\"source topic {} is not an input of this application\"",
                    parked.topic(), parked.offset(), source);
            return Optional.empty();
        }
        Headers headers = new RecordHeaders();
        for (Header header : parked.headers()) {
            if (!header.key().startsWith("__streams.errors.") && !header.key().equals(DeadLetters.STAGE)) {
                headers.add(header);
            }
        }
        return Optional.of(new ProducerRecord<>(source, null, parked.timestamp() < 0 ? null : parked.timestamp(), parked.key(),
                parked.value(), headers));
    }

    /** The consumer group that replays {@code dlq}. */
    public static String groupOf(DeadLetterTopic dlq) {
        return "firebreak-dlq-replay-" + dlq.name();
    }

    /** Waits until Kafka acknowledged every re-produced record, so their offsets may be committed. */
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

    private static void position(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions, Optional<Instant> from) {
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
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions), TIMEOUT);
        for (TopicPartition p : partitions) {
            OffsetAndMetadata at = committed.get(p);
            if (at == null) {
                consumer.seekToBeginning(List.of(p));
            } else {
                consumer.seek(p, at.offset());
            }
        }
    }

    private Map<String, Object> consumerConfig(String group) {
        return ClientConfigs.from(kafkaConfig).group(group).committedReads().set(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500).build();
    }

    private Map<String, Object> producerConfig(String group) {
        return ClientConfigs.from(kafkaConfig).acknowledged().clientId(group).build();
    }
}
