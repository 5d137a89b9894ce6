package io.firebreak.notifiers.slack;

import io.firebreak.events.DeliveryReceipt;
import io.firebreak.events.Notification;
import io.firebreak.notifiers.DeliveryRecords;
import io.firebreak.schemas.Serdes;
import io.firebreak.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The card memory kept in {@code firebreak.deliveries.v1}: on first use it reads the topic from the beginning and
 * keeps, per incident and receiver, the {@code channel:ts} of the last Slack receipt; a newly posted card is
 * written there at once (outcome {@code posted}, acks=all) before the notifier reports the delivery.
 *
 * <p>Why that early write: the service writes its receipt only after {@link SlackNotifier#deliver} returns, and a
 * crash in between would otherwise forget the card and post a second one on restart. The window left is the
 * time between Slack's answer and Kafka's acknowledgement of this one record.
 *
 * <p>Loading happens on the notifier's thread at its first delivery (not at construction), so an unreachable
 * broker at start-up is a retryable delivery failure rather than a failed start.
 */
public final class DeliveriesSlackMessages implements SlackMessages, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeliveriesSlackMessages.class);
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);
    private static final Set<String> CARD_OUTCOMES = Set.of(DeliveryRecords.DELIVERED, DeliveryRecords.POSTED);

    private final Map<String, Object> kafkaConfig;
    private final Serdes serdes;
    private final Clock clock;
    private final InMemorySlackMessages memory = new InMemorySlackMessages();
    private boolean loaded;
    private KafkaProducer<String, byte[]> producer;

    public DeliveriesSlackMessages(Map<String, Object> kafkaConfig, Serdes serdes) {
        this(kafkaConfig, serdes, Clock.systemUTC());
    }

    DeliveriesSlackMessages(Map<String, Object> kafkaConfig, Serdes serdes, Clock clock) {
        this.kafkaConfig = Map.copyOf(Objects.requireNonNull(kafkaConfig, "kafkaConfig"));
        this.serdes = Objects.requireNonNull(serdes, "serdes");
        this.clock = clock;
    }

    @Override
    public synchronized Optional<SlackMessageRef> find(String incidentId, String receiver) {
        load();
        return memory.find(incidentId, receiver);
    }

    @Override
    public synchronized void remember(Notification posted, SlackMessageRef ref) {
        memory.remember(posted, ref);
        DeliveryReceipt receipt = DeliveryRecords.posted(posted, ref.ref(), 200, clock.instant());
        String topic = Topics.DELIVERIES.name();
        try {
            byte[] value = serdes.value(Topics.DELIVERIES).serializer().serialize(topic, receipt);
            producer().send(new ProducerRecord<>(topic, posted.getIncidentId(), value))
                    .get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("interrupted while recording the posted Slack card incident={} receiver={} ref={}",
                    posted.getIncidentId(), posted.getReceiver(), ref.ref());
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // the card is posted and remembered in memory; the service's own receipt will carry the ref as well
            log.warn("cannot record the posted Slack card yet incident={} receiver={} ref={} error={}",
                    posted.getIncidentId(), posted.getReceiver(), ref.ref(), String.valueOf(e));
        }
    }

    private void load() {
        if (loaded) {
            return;
        }
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "firebreak-slack-cards-" + UUID.randomUUID());
        var reader = serdes.value(Topics.DELIVERIES).deserializer();
        int cards = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.DELIVERIES.name(), LOAD_TIMEOUT).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, LOAD_TIMEOUT);
            long deadline = clock.millis() + LOAD_TIMEOUT.toMillis();
            while (!caughtUp(consumer, end)) {
                if (clock.millis() > deadline) {
                    throw new IllegalStateException("reading " + Topics.DELIVERIES.name() + " took longer than " + LOAD_TIMEOUT);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    cards += rememberCard(reader, record) ? 1 : 0;
                }
            }
        }
        loaded = true;
        log.info("slack cards loaded topic={} cards={}", Topics.DELIVERIES.name(), cards);
    }

    private boolean rememberCard(org.apache.kafka.common.serialization.Deserializer<DeliveryReceipt> reader,
                                 ConsumerRecord<String, byte[]> record) {
        DeliveryReceipt receipt;
        try {
            receipt = reader.deserialize(record.topic(), record.headers(), record.value());
        } catch (RuntimeException unreadable) {
            return false; // not ours to judge: other readers report it
        }
        if (receipt == null || !"slack".equals(receipt.getChannel()) || !CARD_OUTCOMES.contains(receipt.getOutcome())) {
            return false;
        }
        Optional<SlackMessageRef> ref = SlackMessageRef.parse(receipt.getRef());
        ref.ifPresent(card -> memory.put(receipt.getIncidentId(), receipt.getReceiver(), card));
        return ref.isPresent();
    }

    private static boolean caughtUp(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Map<String, Object> config = new HashMap<>(kafkaConfig);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.CLIENT_ID_CONFIG, "firebreak-slack-cards-" + UUID.randomUUID());
            producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
