package io.firebreak.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.embedded.EmbeddedCluster;
import io.firebreak.embedded.EmbeddedClusterExtension;
import io.firebreak.events.Signal;
import io.firebreak.events.SignalSource;
import io.firebreak.schemas.Serdes;
import io.firebreak.schemas.Topics;
import io.firebreak.schemas.registry.RestSchemaRegistryClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** EventWriter's group commit on the embedded broker: concurrent writes share transactions, each lands once, whole. */
@ExtendWith(EmbeddedClusterExtension.class)
class GroupCommitIT {

    private static final int WRITERS = 8;
    private final ExecutorService senders = Executors.newFixedThreadPool(WRITERS);

    @AfterEach
    void stopSenders() {
        senders.shutdownNow();
    }

    @Test
    void concurrentWritesShareTransactionsAndEachCommitsOnce(EmbeddedCluster cluster) throws Exception {
        cluster.createTopic(Topics.SIGNALS.name(), 3);
        Serdes serdes = new Serdes(new RestSchemaRegistryClient(cluster.schemaRegistryUrl()));
        String run = UUID.randomUUID().toString();
        int writes = 200;

        List<String> ids = new ArrayList<>();
        try (EventWriter writer = new EventWriter(Map.of("bootstrap.servers", cluster.bootstrapServers()), serdes, Duration.ofSeconds(10))) {
            writer.write(List.of(signal(run + "-warmup", 100))); // schema registered, producer initialised
            long transactionsBefore = writer.transactionsCommitted();
            List<Future<?>> answers = new ArrayList<>();
            for (int i = 0; i < writes; i++) {
                List<EventRecord<Signal>> request = List.of(signal(run + "-" + i + "-a", 100), signal(run + "-" + i + "-b", 100));
                request.forEach(record -> ids.add(record.value().getId()));
                answers.add(senders.submit(() -> writer.write(request)));
            }
            for (Future<?> answer : answers) {
                answer.get();
            }

            long transactions = writer.transactionsCommitted() - transactionsBefore;
            assertThat(transactions).as("transactions for %d concurrent writes", writes).isLessThan(writes).isPositive();
            assertThat(writer.writesCommitted()).isEqualTo(writes + 1);
        }

        List<String> committed = IngestHarness.committedSignals(cluster.bootstrapServers(), serdes).stream()
                .map(record -> record.value().getId()).filter(id -> id.startsWith(run + "-") && !id.endsWith("warmup")).toList();
        assertThat(committed).hasSize(2 * writes).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void aWriteWhoseRecordIsTooLargeFailsAloneWhileConcurrentWritesCommit(EmbeddedCluster cluster) throws Exception {
        cluster.createTopic(Topics.SIGNALS.name(), 3);
        Serdes serdes = new Serdes(new RestSchemaRegistryClient(cluster.schemaRegistryUrl()));
        String run = UUID.randomUUID().toString();

        List<String> goodIds = new ArrayList<>();
        List<Future<?>> good = new ArrayList<>();
        List<Future<?>> tooLarge = new ArrayList<>();
        try (EventWriter writer = new EventWriter(Map.of("bootstrap.servers", cluster.bootstrapServers()), serdes, Duration.ofSeconds(10))) {
            for (int i = 0; i < 60; i++) {
                if (i % 10 == 5) {
                    // one good record and one over max.request.size: the whole request is refused, the others are not
                    List<EventRecord<Signal>> request = List.of(signal(run + "-bad-" + i + "-ok", 100), signal(run + "-bad-" + i + "-huge", 2 << 20));
                    tooLarge.add(senders.submit(() -> writer.write(request)));
                } else {
                    List<EventRecord<Signal>> request = List.of(signal(run + "-good-" + i, 100));
                    goodIds.add(request.get(0).value().getId());
                    good.add(senders.submit(() -> writer.write(request)));
                }
            }
            for (Future<?> answer : good) {
                answer.get();
            }
            for (Future<?> answer : tooLarge) {
                try {
                    answer.get();
                    throw new AssertionError("an oversized write was accepted");
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(EventTooLargeException.class);
                }
            }
            assertThat(writer.writesCommitted()).isEqualTo(good.size());
        }

        List<String> committed = IngestHarness.committedSignals(cluster.bootstrapServers(), serdes).stream()
                .map(record -> record.value().getId()).filter(id -> id.startsWith(run + "-")).toList();
        assertThat(committed).containsExactlyInAnyOrderElementsOf(goodIds); // nothing of the refused requests, not even their small record
    }

    static EventRecord<Signal> signal(String id, int descriptionChars) {
        Instant now = Instant.now();
        Signal value = Signal.newBuilder()
                .setId(id)
                .setFingerprint("fp-" + id)
                .setSource(SignalSource.OTHER)
                .setCluster("group-commit-it")
                .setService("svc-" + Math.floorMod(id.hashCode(), 5))
                .setDescription("x".repeat(descriptionChars))
                .setStartsAt(now)
                .setReceivedAt(now)
                .build();
        return new EventRecord<>(Topics.SIGNALS, "group-commit-it-" + Math.floorMod(id.hashCode(), 7), value);
    }
}
