package io.firebreak.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker killed with SIGKILL (its own JVM) and started again on its directory: it does not wait out the dead
 * incarnation's session ({@link DeadIncarnation}), and every acknowledged record is still there and new ones are taken;
 * a broker killed after it fenced itself starts again without removing its new self.
 */
class BrokerKillIT {

    private static final int RECORDS = 50;

    @Test
    void aBrokerStartedAfterAKillReplacesItsDeadRegistrationAndKeepsItsData(@TempDir Path dataDir) throws Exception {
        int port = CrashingBroker.startAndKill(dataDir, String.valueOf(RECORDS));

        try (EmbeddedKafka restarted = EmbeddedKafka.start(dataDir, port)) {
            assertThat(restarted.deadIncarnationRemoved()).as("the dead broker's registration was removed").isTrue();
            assertThat(EmbeddedKafkaIT.consumeValues(restarted.bootstrapServers(), "crash", RECORDS, "read_committed"))
                    .containsExactlyElementsOf(IntStream.range(0, RECORDS).mapToObj(i -> "v" + i).toList());
            try (KafkaProducer<String, String> producer = EmbeddedKafkaIT.producer(restarted.bootstrapServers(), Map.of())) {
                assertThat(producer.send(new ProducerRecord<>("crash", "k", "after")).get(30, TimeUnit.SECONDS).offset()).isEqualTo(RECORDS);
            }
            // A clean stop fences the broker itself: the next start has nothing to remove.
            restarted.restart();
            assertThat(restarted.deadIncarnationRemoved()).isFalse();
            assertThat(EmbeddedKafkaIT.consumeValues(restarted.bootstrapServers(), "crash", RECORDS + 1, "read_committed")).hasSize(RECORDS + 1);
        }
    }

    /**
     * A stop that overran its grace period: the broker fenced itself on the way down and was killed before it wrote
     * Kafka's clean-shutdown file. Its fenced registration does not keep the new incarnation out, so nothing may be
     * unregistered: removing the new one would block this start for good (it did, before the serving marker).
     */
    @Test
    // a separate thread, so that a start that never ends fails the test instead of hanging the build
    @Timeout(value = 90, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aBrokerKilledAfterItFencedItselfStartsAgainWithoutRemovingAnything(@TempDir Path dataDir) throws Exception {
        int port;
        try (EmbeddedKafka broker = EmbeddedKafka.start(dataDir, 0)) {
            port = broker.port();
        }
        Files.delete(dataDir.resolve(".kafka_cleanshutdown"));

        try (EmbeddedKafka restarted = EmbeddedKafka.start(dataDir, port);
             KafkaProducer<String, String> producer = EmbeddedKafkaIT.producer(restarted.bootstrapServers(), Map.of())) {
            assertThat(restarted.deadIncarnationRemoved()).isFalse();
            assertThat(producer.send(new ProducerRecord<>("crash", "k", "after")).get(30, TimeUnit.SECONDS).offset()).isZero();
        }
    }
}
