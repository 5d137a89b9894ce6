package io.firebreak.notifiers;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.events.DeliveryReceipt;
import io.firebreak.events.Notification;
import io.firebreak.events.NotificationKind;
import io.firebreak.schemas.Serdes;
import io.firebreak.schemas.Topic;
import io.firebreak.schemas.Topics;
import io.firebreak.schemas.registry.InMemorySchemaRegistryClient;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The commit rule of one batch: receipts are sent without waiting, but an offset is committed only once the
 * receipts of every record up to it were acknowledged by Kafka. Kafka's own MockProducer and MockConsumer stand in
 * for the broker here, because only they let a test decide when (and whether) an acknowledgement arrives; the
 * embedded-broker tests (NotifierServiceIT, ChannelsIT) cover the same path end to end.
 */
class BatchDeliveryTest {

    static final String CHANNEL = "soar";
    static final Topic<Notification> SOURCE = Topics.notify(CHANNEL);
    static final TopicPartition P0 = new TopicPartition(SOURCE.name(), 0);
    static final TopicPartition P1 = new TopicPartition(SOURCE.name(), 1);
    static final RetryPolicy QUICK = RetryPolicy.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(5));

    final Serdes serdes = new Serdes(new InMemorySchemaRegistryClient());
    final AtomicBoolean running = new AtomicBoolean(true);
    final ChannelHealth health = new ChannelHealth(Clock.systemUTC());
    final AcksProducer producer = new AcksProducer();
    final CommitsConsumer consumer = new CommitsConsumer(producer);
    final List<String> delivered = new ArrayList<>();
    final RetryingDeliveryTest.MovableClock clock = new RetryingDeliveryTest.MovableClock(Instant.parse("2026-12-03T03:00:00Z"));
    /** How long each delivery takes on {@link #clock}. */
    Duration deliveryTime = Duration.ZERO;

    /** Completes sends only on flush(), and can refuse the receipts a test names, once or for good. */
    static final class AcksProducer extends MockProducer<String, byte[]> {
        final List<Future<RecordMetadata>> acks = new ArrayList<>();
        Predicate<ProducerRecord<String, byte[]>> refuse = r -> false;
        boolean refuseOnce = true;
        final List<ProducerRecord<String, byte[]>> pending = new ArrayList<>();

        AcksProducer() {
            super(false, null, new StringSerializer(), new ByteArraySerializer());
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
            Future<RecordMetadata> ack = super.send(record);
            acks.add(ack);
            pending.add(record);
            return ack;
        }

        @Override
        public synchronized void flush() {
            for (ProducerRecord<String, byte[]> record : pending) {
                boolean refused = refuse.test(record);
                if (refused && refuseOnce) {
                    refuse = r -> false;
                }
                if (refused) {
                    errorNext(new TimeoutException("broker did not acknowledge in time"));
                } else {
                    completeNext();
                }
            }
            pending.clear();
        }

        boolean allAcknowledged() {
            return acks.stream().allMatch(ack -> {
                try {
                    return ack.isDone() && ack.get() != null;
                } catch (Exception failed) {
                    return false;
                }
            });
        }

        List<DeliveryReceipt> receipts(Serdes serdes) {
            return history().stream().filter(r -> r.topic().equals(Topics.DELIVERIES.name()))
                    .map(r -> serdes.value(Topics.DELIVERIES).deserializer().deserialize(r.topic(), r.value())).toList();
        }
    }

    /** Records every commit, and whether each receipt sent so far was acknowledged when it came. */
    static final class CommitsConsumer extends MockConsumer<String, byte[]> {
        final AcksProducer producer;
        final List<Map<TopicPartition, OffsetAndMetadata>> commits = new ArrayList<>();
        final List<Boolean> receiptsAcknowledgedAtCommit = new ArrayList<>();
        final List<Integer> acknowledgedWritesAtCommit = new ArrayList<>();

        CommitsConsumer(AcksProducer producer) {
            super("earliest");
            this.producer = producer;
            assign(List.of(P0, P1));
            updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        }

        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            commits.add(Map.copyOf(offsets));
            receiptsAcknowledgedAtCommit.add(producer.allAcknowledged());
            acknowledgedWritesAtCommit.add(producer.acks.size());
            super.commitSync(offsets);
        }
    }

    BatchDelivery batchDelivery() {
        NotifierMetrics metrics = new NotifierMetrics(new NotifierMetrics.Families(new PrometheusRegistry()), CHANNEL, () -> 0);
        Notifier notifier = n -> {
            clock.advance(deliveryTime);
            delivered.add(n.getId());
            return DeliveryOutcome.logged();
        };
        RetryingDelivery retrying = new RetryingDelivery(CHANNEL, notifier, QUICK, metrics, Clock.systemUTC(), () -> 0.5);
        ChannelConsumer channelConsumer = new ChannelConsumer(CHANNEL, consumer, health, Clock.systemUTC(), running::get);
        OutcomeWriter writer = new OutcomeWriter(CHANNEL, producer, serdes, QUICK, health, Clock.systemUTC());
        return new BatchDelivery(CHANNEL, serdes.value(SOURCE).deserializer(), retrying, writer, channelConsumer, health, metrics, running::get, clock);
    }

    /** trigger + resolve of incident a on partition 0, of incident b on partition 1, interleaved as a poll returns them. */
    ConsumerRecords<String, byte[]> batch() {
        Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> records = new LinkedHashMap<>();
        records.put(P0, List.of(record(P0, 0, "a", NotificationKind.TRIGGER), record(P0, 1, "a", NotificationKind.RESOLVE)));
        records.put(P1, List.of(record(P1, 0, "b", NotificationKind.TRIGGER), record(P1, 1, "b", NotificationKind.RESOLVE)));
        return new ConsumerRecords<>(records, Map.of());
    }

    ConsumerRecord<String, byte[]> record(TopicPartition partition, long offset, String incident, NotificationKind kind) {
        Notification n = TestNotifications.forReceiver(incident, CHANNEL, CHANNEL, kind);
        return new ConsumerRecord<>(partition.topic(), partition.partition(), offset, incident,
                serdes.value(SOURCE).serializer().serialize(SOURCE.name(), n));
    }

    static boolean isReceipt(ProducerRecord<String, byte[]> record, String incident, String kind) {
        return record.topic().equals(Topics.DELIVERIES.name()) && incident.equals(record.key())
                && new String(record.value(), StandardCharsets.ISO_8859_1).contains(kind);
    }

    Map<TopicPartition, OffsetAndMetadata> committed() {
        return consumer.committed(Set.of(P0, P1));
    }

    @Test
    void commitsTheBatchOnceAndOnlyAfterEveryReceiptWasAcknowledged() {
        batchDelivery().process(batch());

        assertThat(delivered).containsExactly("ntf-a-soar-TRIGGER", "ntf-a-soar-RESOLVE", "ntf-b-soar-TRIGGER", "ntf-b-soar-RESOLVE");
        assertThat(producer.receipts(serdes)).extracting(DeliveryReceipt::getNotificationId)
                .containsExactly("ntf-a-soar-TRIGGER", "ntf-a-soar-RESOLVE", "ntf-b-soar-TRIGGER", "ntf-b-soar-RESOLVE");
        assertThat(consumer.commits).containsExactly(Map.of(P0, new OffsetAndMetadata(2), P1, new OffsetAndMetadata(2)));
        assertThat(consumer.receiptsAcknowledgedAtCommit).containsExactly(true);
        assertThat(consumer.acknowledgedWritesAtCommit).containsExactly(4);
    }

    @Test
    void aRefusedReceiptIsWrittenAgainBeforeItsOffsetIsCommittedAndNothingIsDeliveredTwice() {
        producer.refuse = r -> isReceipt(r, "a", "TRIGGER");

        batchDelivery().process(batch());

        assertThat(delivered).hasSize(4).doesNotHaveDuplicates();
        // the refused receipt (a's trigger) was sent again; the commit came after that second send was acknowledged
        assertThat(producer.receipts(serdes)).extracting(DeliveryReceipt::getNotificationId)
                .containsExactly("ntf-a-soar-TRIGGER", "ntf-a-soar-RESOLVE", "ntf-b-soar-TRIGGER", "ntf-b-soar-RESOLVE", "ntf-a-soar-TRIGGER");
        assertThat(consumer.commits).containsExactly(Map.of(P0, new OffsetAndMetadata(2), P1, new OffsetAndMetadata(2)));
        assertThat(consumer.acknowledgedWritesAtCommit).containsExactly(5);
        assertThat(consumer.receiptsAcknowledgedAtCommit).containsExactly(false); // the refused first send stays failed...
        assertThat(producer.acks.get(4)).isDone(); // ...and its re-send was acknowledged before the commit
        assertThat(health.failure()).get().asString().contains("cannot write to Kafka");
    }

    @Test
    void aReceiptStillRefusedWhenStoppingLeavesItsRecordAndItsPartitionsLaterRecordsUncommitted() {
        producer.refuseOnce = false;
        producer.refuse = r -> {
            boolean refused = isReceipt(r, "a", "RESOLVE");
            if (refused) {
                running.set(false); // the service is closed while Kafka refuses a's resolve receipt
            }
            return refused;
        };

        batchDelivery().process(batch());

        // a's trigger (offset 0) is committed; a's resolve (offset 1) stays for the next start; b is unaffected
        assertThat(consumer.commits).containsExactly(Map.of(P0, new OffsetAndMetadata(1), P1, new OffsetAndMetadata(2)));
        assertThat(committed()).containsEntry(P0, new OffsetAndMetadata(1)).containsEntry(P1, new OffsetAndMetadata(2));
        assertThat(consumer.position(P0)).isEqualTo(1);
    }

    @Test
    void aLongBatchIsCommittedAsItGoesSoAKillRepeatsOnlyItsLastDeliveries() {
        deliveryTime = BatchDelivery.CHECKPOINT_EVERY.dividedBy(2); // a fast receiver: two deliveries per commit interval
        List<ConsumerRecord<String, byte[]>> six = new ArrayList<>();
        for (int offset = 0; offset < 6; offset++) {
            six.add(record(P0, offset, "c" + offset, NotificationKind.TRIGGER));
        }

        batchDelivery().process(new ConsumerRecords<>(Map.of(P0, six), Map.of()));

        assertThat(delivered).hasSize(6);
        // as the batch goes, not once at the end: a kill after the fifth delivery would repeat only the fifth
        assertThat(consumer.commits).containsExactly(Map.of(P0, new OffsetAndMetadata(2)), Map.of(P0, new OffsetAndMetadata(4)),
                Map.of(P0, new OffsetAndMetadata(6)));
        assertThat(consumer.receiptsAcknowledgedAtCommit).containsOnly(true);
    }
}
