package io.firebreak.embedded;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A broker in a JVM of its own, for {@link BrokerKillIT} to SIGKILL: starts on {@code args[0]}, writes
 * {@code args[1]} acknowledged records to topic {@code crash}, prints {@code READY <port>} and waits to be killed.
 */
public final class CrashingBroker {

    private CrashingBroker() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.start(Path.of(args[0]), 0);
        try (KafkaProducer<String, String> producer = EmbeddedKafkaIT.producer(kafka.bootstrapServers(), Map.of())) {
            for (int i = 0; i < Integer.parseInt(args[1]); i++) {
                producer.send(new ProducerRecord<>("crash", "k", "v" + i)).get(30, TimeUnit.SECONDS);
            }
        }
        System.out.println("READY " + kafka.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
