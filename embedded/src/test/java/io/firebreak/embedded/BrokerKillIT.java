package io.firebreak.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker killed with SIGKILL (its own JVM) and started again on its directory: it does not wait out the dead
 * incarnation's session ({@link DeadIncarnation}), and every acknowledged record is still there and new ones are taken.
 */
class BrokerKillIT {

    private static final int RECORDS = 50;

    @Test
    void aBrokerStartedAfterAKillReplacesItsDeadRegistrationAndKeepsItsData(@TempDir Path dataDir) throws Exception {
        int port = startAndKill(dataDir);

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

    private static int startAndKill(Path dataDir) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process broker = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                CrashingBroker.class.getName(), dataDir.toString(), String.valueOf(RECORDS)))
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(broker.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("READY ")) {
                    broker.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no clean-shutdown file
                    broker.waitFor(30, TimeUnit.SECONDS);
                    return Integer.parseInt(line.substring("READY ".length()).trim());
                }
            }
        } finally {
            broker.destroyForcibly();
        }
        throw new IllegalStateException("the broker process ended before it was ready, exit " + broker.waitFor());
    }
}
