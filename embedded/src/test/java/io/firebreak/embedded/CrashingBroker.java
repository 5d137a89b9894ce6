package io.firebreak.embedded;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A broker in a JVM of its own, for tests to SIGKILL ({@link #startAndKill}): starts on {@code args[0]}, writes
 * {@code args[1]} acknowledged records to topic {@code crash} (or, with {@code args[2]} a transactional id, one committed
 * transaction of one record to each of the topics that follow), prints {@code READY <port>} and waits to be killed.
 */
public final class CrashingBroker {

    private CrashingBroker() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.start(Path.of(args[0]), 0);
        if (args.length > 2) {
            commitOneTransaction(kafka.bootstrapServers(), args[2], List.of(args).subList(3, args.length));
        } else {
            try (KafkaProducer<String, String> producer = EmbeddedKafkaIT.producer(kafka.bootstrapServers(), Map.of())) {
                for (int i = 0; i < Integer.parseInt(args[1]); i++) {
                    producer.send(new ProducerRecord<>("crash", "k", "v" + i)).get(30, TimeUnit.SECONDS);
                }
            }
        }
        System.out.println("READY " + kafka.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    private static void commitOneTransaction(String bootstrapServers, String transactionalId, List<String> topics) {
        topics.forEach(topic -> EmbeddedCluster.createTopic(bootstrapServers, topic, 1, Map.of()));
        try (KafkaProducer<String, String> producer = HangingTransactionsIT.producer(bootstrapServers, transactionalId)) {
            producer.initTransactions();
            producer.beginTransaction();
            topics.forEach(topic -> producer.send(new ProducerRecord<>(topic, "incident-1", "committed to " + topic)));
            producer.commitTransaction();
        }
        // the coordinator writes the markers after it answered the commit: wait until every partition has its own
        topics.forEach(topic -> EmbeddedKafkaIT.consumeValues(bootstrapServers, topic, 1, "read_committed"));
    }

    /** Runs this broker on {@code dataDir} with {@code args} after it, SIGKILLs it once ready; returns its port. */
    static int startAndKill(Path dataDir, String... args) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                CrashingBroker.class.getName(), dataDir.toString()));
        command.addAll(List.of(args));
        Process broker = new ProcessBuilder(command).redirectErrorStream(true).start();
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
