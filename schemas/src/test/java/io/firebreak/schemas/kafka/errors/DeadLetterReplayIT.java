package io.firebreak.schemas.kafka.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.embedded.EmbeddedKafka;
import io.firebreak.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code replay-dlq correlation}: parked inputs go back to the topic they were read from, once, on a real broker. */
class DeadLetterReplayIT {

    private static final String DLQ = Topics.CORRELATION_DLQ.name();
    private static final String SOURCE = Topics.SIGNALS.name();

    @TempDir
    static Path dataDir;
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start(dataDir, 0);
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Test
    void parkedInputsGoBackToTheirSourceTopicOnceWithTheirOwnHeadersOnly() throws Exception {
        Map<String, Object> config = Map.of("bootstrap.servers", kafka.bootstrapServers());
        park("signal-1", SOURCE);
        park("signal-2", SOURCE);
        park("elsewhere", "someone.elses.topic");
        DeadLetterReplay replay = new DeadLetterReplay(config);

        long sent = replay.replay(DLQ, DeadLetterReplay.groupOf(Topics.CORRELATION_DLQ), Optional.empty(),
                parked -> DeadLetterReplay.toSource(parked, Set.of(SOURCE)));

        assertThat(sent).isEqualTo(2);
        List<ConsumerRecord<byte[], byte[]>> replayed = readAll(SOURCE);
        assertThat(replayed).extracting(r -> new String(r.key(), StandardCharsets.UTF_8)).containsExactlyInAnyOrder("signal-1", "signal-2");
        assertThat(replayed).allSatisfy(r -> {
            assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo("value of " + new String(r.key(), StandardCharsets.UTF_8));
            assertThat(r.headers().lastHeader("traceparent")).isNotNull();
            assertThat(r.headers().lastHeader(DeadLetters.TOPIC)).isNull();
            assertThat(r.headers().lastHeader(DeadLetters.STAGE)).isNull();
        });
        // a finished replay is not repeated; --from replays again whatever was replayed before
        assertThat(replay.replay(DLQ, DeadLetterReplay.groupOf(Topics.CORRELATION_DLQ), Optional.empty(),
                parked -> DeadLetterReplay.toSource(parked, Set.of(SOURCE)))).isZero();
        assertThat(replay.replay(DLQ, "another-group", Optional.of(Instant.EPOCH),
                parked -> DeadLetterReplay.toSource(parked, Set.of(SOURCE)))).isEqualTo(2);
    }

    private static void park(String key, String source) throws Exception {
        RecordHeaders headers = new RecordHeaders();
        headers.add("traceparent", "00-abc-def-01".getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetters.TOPIC, source.getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetters.EXCEPTION, "java.lang.IllegalStateException".getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetters.STAGE, "processing".getBytes(StandardCharsets.UTF_8));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(DLQ, null, null, key.getBytes(StandardCharsets.UTF_8),
                    ("value of " + key).getBytes(StandardCharsets.UTF_8), headers)).get();
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID()), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
            }
            return all;
        }
    }
}
