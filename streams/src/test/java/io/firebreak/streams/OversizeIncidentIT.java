package io.firebreak.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firebreak.embedded.EmbeddedCluster;
import io.firebreak.embedded.EmbeddedClusterExtension;
import io.firebreak.events.Notification;
import io.firebreak.events.Severity;
import io.firebreak.events.Signal;
import io.firebreak.schemas.Serdes;
import io.firebreak.schemas.Topics;
import io.firebreak.schemas.registry.RestSchemaRegistryClient;
import io.firebreak.schemas.kafka.errors.RecordFailures;
import io.firebreak.schemas.kafka.errors.SizeGuard;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 11's first symptom on the real correlation topology and a real broker: one group's incident grows past what
 * Kafka takes (here 48 signals with 24 KiB summaries, about 1.2 MB if every signal were kept), and a critical alert
 * for another cluster — chosen to land on the same partition, so the same task — must still page at once, with no
 * stream thread dying. Whatever keeps the incident within bounds (the record guards here, or a bounded incident
 * record), the only failure allowed on the way is an incident update refused as too large, and no version of the
 * incident on its topic is larger than the guard's bound. Measured before the incident record was bounded: without
 * the guard (raised out of the way) the incident's changelog write was rejected, the transaction aborted, the thread
 * died on the same signal again and again and the probe was not paged within 60 s; with it, 0.1 s after the storm.
 */
@ExtendWith(EmbeddedClusterExtension.class)
class OversizeIncidentIT {

    @Test
    void aGroupWhoseIncidentOutgrowsKafkaNeverStopsAnotherClustersPage(EmbeddedCluster cluster) throws Exception {
        EmbeddedTopics.createAll(cluster);
        Serdes serdes = new Serdes(new RestSchemaRegistryClient(cluster.schemaRegistryUrl()));
        String run = UUID.randomUUID().toString().substring(0, 8);
        String storm = "storm-" + run;
        String other = sharingPartitionWith(storm, "probe-" + run);
        RecordFailures failures = new RecordFailures();
        Properties props = IncidentTopology.streamsProperties(cluster.bootstrapServers(), "oversize-it-" + run,
                Files.createTempDirectory("firebreak-oversize-it"));
        props.put(RecordFailures.CONFIG, failures);
        AtomicInteger threadDeaths = new AtomicInteger();

        try (KafkaStreams streams = new KafkaStreams(IncidentTopology.build(CorrelationSettingsBuilder.defaults().enrichmentWait(Duration.ZERO).build(), serdes), props);
             KafkaProducer<String, Signal> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                     Serdes.key().serializer(), serdes.value(Topics.SIGNALS).serializer());
             KafkaConsumer<String, Notification> pages = CommittedReader.open(cluster, serdes, Topics.notify("pagerduty"), "oversize-it-")) {
            streams.setUncaughtExceptionHandler(e -> {
                threadDeaths.incrementAndGet();
                return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
            });
            streams.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> streams.state() == KafkaStreams.State.RUNNING);

            Instant now = Instant.now();
            String summary = "CrashLoopBackOff ".repeat(24 * 1024 / 17);
            for (int pod = 0; pod < 48; pod++) {
                Signal signal = Signals.alert(storm, "payments", "PodCrashLooping", Severity.HIGH, "pod-" + pod)
                        .setSummary(summary).setStartsAt(now).setReceivedAt(now).build();
                producer.send(new ProducerRecord<>(Topics.SIGNALS.name(), storm, signal));
            }
            Signal probe = Signals.alert(other, "trade-engine", "TradeEngineDown", Severity.CRITICAL, "probe-" + run)
                    .setStartsAt(now).setReceivedAt(now).build();
            producer.send(new ProducerRecord<>(Topics.SIGNALS.name(), other, probe)).get();

            List<Notification> paged = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                for (ConsumerRecord<String, Notification> record : pages.poll(Duration.ofMillis(200))) {
                    paged.add(record.value());
                }
                assertThat(paged).anySatisfy(page -> assertThat(page.getIncidentId()).startsWith(other + "."));
            });
            assertThat(threadDeaths).hasValue(0);
            assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(failures.snapshot().keySet()).allSatisfy(cause -> assertThat(cause.reason()).isEqualTo("RecordTooLargeException"));
            assertThat(stormIncidentSizes(cluster, storm)).isNotEmpty().allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(SizeGuard.DEFAULT_MAX_VALUE_BYTES));
        }
    }

    /** The serialized size of every committed version of the storm's incident. */
    private static List<Integer> stormIncidentSizes(EmbeddedCluster cluster, String storm) {
        List<Integer> sizes = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "oversize-sizes-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.INCIDENTS.name()));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (record.key().startsWith(storm + ".")) {
                        sizes.add(record.value().length);
                    }
                });
                return !consumer.assignment().isEmpty() && consumer.endOffsets(consumer.assignment()).entrySet().stream()
                        .allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
            });
        }
        return sizes;
    }

    /** A cluster name whose records the default partitioner puts on the same signals partition as {@code cluster}'s. */
    private static String sharingPartitionWith(String cluster, String prefix) {
        int partition = partition(cluster);
        for (int i = 0; ; i++) {
            if (partition(prefix + "-" + i) == partition) {
                return prefix + "-" + i;
            }
        }
    }

    private static int partition(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % EmbeddedTopics.PARTITIONS;
    }
}
