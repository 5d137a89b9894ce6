package io.firebreak.notifiers;

import io.firebreak.core.channel.Channel;
import io.firebreak.events.DeliveryReceipt;
import io.firebreak.events.Notification;
import io.firebreak.notifiers.slack.InMemorySlackMessages;
import io.firebreak.notifiers.slack.SlackMessageRef;
import io.firebreak.notifiers.slack.SlackMessages;
import io.firebreak.notifiers.slack.SlackNotifier;
import io.firebreak.schemas.Serdes;
import io.firebreak.schemas.Topics;
import io.firebreak.schemas.kafka.ClientConfigs;
import io.firebreak.schemas.kafka.CompactedTopicReader;
import io.firebreak.schemas.kafka.ReceiptRecords;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Slack notifier's card memory, kept in {@code firebreak.deliveries.v1} by the notifier runtime (the Slack
 * notifier itself never touches Kafka; it is handed this as a {@link SlackMessages}): on first use it reads the topic
 * from the beginning and keeps, per incident and receiver, the {@code channel:ts} of the last Slack receipt; a newly
 * posted card is written there at once (outcome {@code posted}, acks=all) before the notifier reports the delivery.
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
        try {
            KafkaProducer<String, byte[]> producer = producer();
            producer.send(ReceiptRecords.of(producer, serdes, receipt))
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
        var reader = serdes.value(Topics.DELIVERIES).deserializer();
        AtomicInteger cards = new AtomicInteger();
        ClientConfigs config = ClientConfigs.from(kafkaConfig).clientId("firebreak-slack-cards-" + UUID.randomUUID());
        try (CompactedTopicReader<String, byte[]> deliveries = CompactedTopicReader.open(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            deliveries.assignFromBeginning(List.of(Topics.DELIVERIES.name()), LOAD_TIMEOUT);
            boolean complete = deliveries.readToEnd(records -> records.stream().filter(record -> rememberCard(reader, record)).forEach(card -> cards.incrementAndGet()),
                    LOAD_TIMEOUT, () -> true);
            if (!complete) {
                throw new IllegalStateException("reading " + Topics.DELIVERIES.name() + " took longer than " + LOAD_TIMEOUT);
            }
        }
        loaded = true;
        log.info("slack cards loaded topic={} cards={}", Topics.DELIVERIES.name(), cards.get());
    }

    private boolean rememberCard(org.apache.kafka.common.serialization.Deserializer<DeliveryReceipt> reader,
                                 ConsumerRecord<String, byte[]> record) {
        DeliveryReceipt receipt;
        try {
            receipt = reader.deserialize(record.topic(), record.headers(), record.value());
        } catch (RuntimeException unreadable) {
            return false; // not ours to judge: other readers report it
        }
        if (receipt == null || !Channel.SLACK.id().equals(receipt.getChannel()) || !CARD_OUTCOMES.contains(receipt.getOutcome())) {
            return false;
        }
        Optional<SlackMessageRef> ref = SlackMessageRef.parse(receipt.getRef());
        ref.ifPresent(card -> memory.put(receipt.getIncidentId(), receipt.getReceiver(), card));
        return ref.isPresent();
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Map<String, Object> config = ClientConfigs.from(kafkaConfig).acknowledged()
                    .clientId("firebreak-slack-cards-" + UUID.randomUUID()).build();
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
