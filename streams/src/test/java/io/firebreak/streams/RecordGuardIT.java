package io.firebreak.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firebreak.embedded.EmbeddedCluster;
import io.firebreak.embedded.EmbeddedClusterExtension;
import io.firebreak.schemas.Topics;
import io.firebreak.schemas.kafka.errors.RecordFailures;
import io.firebreak.schemas.kafka.errors.RecordFailures.Cause;
import io.firebreak.schemas.kafka.errors.RecordFailures.Stage;
import io.firebreak.schemas.kafka.errors.SizeGuard;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The record guards on a real broker under exactly_once_v2, with the correlation app's own streams properties: an
 * output larger than its topic takes, a state value larger than its changelog takes, an input a processor throws on
 * and an input that cannot be read each cost that one record — counted, the inputs parked on the dead-letter topic —
 * and the records after them, of other clusters, on the same partition and so the same task, are still processed
 * and emitted. The oversize output is refused by {@link SizeGuard} before the producer sees it: handed to the
 * producer, the broker's rejection would doom the whole transaction (Kafka 4.4 aborts it whatever the production
 * handler answers) and the task would fail on the same record forever.
 */
@ExtendWith(EmbeddedClusterExtension.class)
class RecordGuardIT {

    private static final int MAX_MESSAGE_BYTES = 4096;
    /** The guard sits below the topic's limit by the room for key, headers and batch overhead, as in production. */
    private static final int GUARD_BYTES = 3500;
    private static final String STORE = "guard-hoard";

    @Test
    void aRecordThatCannotBeReadProcessedOrWrittenCostsOnlyItselfUnderExactlyOnce(EmbeddedCluster cluster) throws Exception {
        EmbeddedTopics.createAll(cluster);
        String run = UUID.randomUUID().toString().substring(0, 8);
        String input = "guard-in-" + run;
        String output = "guard-out-" + run;
        // one partition: every record below goes through the same task, so a stuck task would stop all of them
        cluster.createTopic(input, 1);
        cluster.createTopic(output, 1, Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(MAX_MESSAGE_BYTES)));

        RecordFailures failures = new RecordFailures();
        Properties props = IncidentTopology.streamsProperties(cluster.bootstrapServers(), "guard-it-" + run,
                Files.createTempDirectory("firebreak-guard-it"));
        props.put(RecordFailures.CONFIG, failures);

        try (KafkaStreams streams = new KafkaStreams(topology(input, output), props)) {
            streams.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> streams.state() == KafkaStreams.State.RUNNING);

            Map<String, String> sent = new LinkedHashMap<>();
            sent.put("cluster-big", "big");          // its output is 10 KiB, the output topic takes 4 KiB
            sent.put("cluster-a", "page cluster-a");
            sent.put("cluster-boom", "boom");        // the processor throws on it
            sent.put("cluster-b", "page cluster-b");
            sent.put("cluster-poison", "poison");    // cannot be deserialized
            sent.put("cluster-hoard", "hoard");      // would grow the state (and its changelog record) past the bound
            sent.put("cluster-c", "page cluster-c");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                    new StringSerializer(), new StringSerializer())) {
                for (var entry : sent.entrySet()) {
                    producer.send(new ProducerRecord<>(input, entry.getKey(), entry.getValue())).get();
                }
            }

            List<ConsumerRecord<String, String>> emitted = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer = committedReader(cluster, new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of(output));
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(emitted::add);
                    assertThat(emitted).extracting(ConsumerRecord::key).containsExactly("cluster-a", "cluster-b", "cluster-c");
                });
            }
            assertThat(failures.snapshot()).containsEntry(new Cause(Stage.PRODUCTION, output, "RecordTooLargeException"), 1L)
                    .containsEntry(new Cause(Stage.PROCESSING, input, "IllegalStateException"), 1L)
                    .containsEntry(new Cause(Stage.DESERIALIZATION, input, "SerializationException"), 1L)
                    .containsEntry(new Cause(Stage.PROCESSING, input, "RecordTooLargeException"), 1L)
                    .hasSize(4);
            assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);

            Map<String, ConsumerRecord<byte[], byte[]>> parked = new LinkedHashMap<>();
            try (KafkaConsumer<byte[], byte[]> consumer = committedReader(cluster, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(Topics.CORRELATION_DLQ.name()));
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                        if (input.equals(header(r, "__streams.errors.topic"))) {
                            parked.put(new String(r.key(), StandardCharsets.UTF_8), r);
                        }
                    });
                    assertThat(parked).containsOnlyKeys("cluster-boom", "cluster-poison", "cluster-hoard");
                });
            }
            assertThat(new String(parked.get("cluster-poison").value(), StandardCharsets.UTF_8)).isEqualTo("poison");
            assertThat(header(parked.get("cluster-poison"), "firebreak.dlq.stage")).isEqualTo("deserialization");
            assertThat(header(parked.get("cluster-boom"), "firebreak.dlq.stage")).isEqualTo("processing");
            assertThat(header(parked.get("cluster-boom"), "__streams.errors.exception")).isEqualTo(IllegalStateException.class.getName());
            assertThat(header(parked.get("cluster-poison"), "__streams.errors.offset")).isEqualTo("4");
            assertThat(header(parked.get("cluster-hoard"), "__streams.errors.exception")).isEqualTo(RecordTooLargeException.class.getName());
        }
    }

    private static Topology topology(String input, String output) {
        Deserializer<String> failsOnPoison = (topic, bytes) -> {
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (text.equals("poison")) {
                throw new SerializationException("not a record of " + topic);
            }
            return text;
        };
        Topology topology = new Topology();
        topology.addSource("in", new StringDeserializer(), failsOnPoison, input);
        topology.addProcessor("emit", () -> new Processor<String, String, String, String>() {
            private ProcessorContext<String, String> context;
            private KeyValueStore<String, String> hoard;

            @Override
            public void init(ProcessorContext<String, String> context) {
                this.context = context;
                this.hoard = context.getStateStore(STORE);
            }

            @Override
            public void process(Record<String, String> record) {
                if (record.value().equals("boom")) {
                    throw new IllegalStateException("a bug met unusual input");
                }
                if (record.value().equals("hoard")) {
                    hoard.put(record.key(), "y".repeat(10 * 1024));
                }
                String value = record.value().equals("big") ? "x".repeat(10 * 1024) : record.value();
                context.forward(record.withValue(value));
            }
        }, "in");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                SizeGuard.bounded(Serdes.String(), GUARD_BYTES)), "emit");
        topology.addSink("out", output, new StringSerializer(), SizeGuard.bounded(new StringSerializer(), GUARD_BYTES), "emit");
        return topology;
    }

    private static <K, V> KafkaConsumer<K, V> committedReader(EmbeddedCluster cluster, Deserializer<K> keys, Deserializer<V> values) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "guard-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), keys, values);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
