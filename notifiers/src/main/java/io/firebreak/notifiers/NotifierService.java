package io.firebreak.notifiers;

import com.codahale.metrics.MetricRegistry;
import io.firebreak.events.DeliveryReceipt;
import io.firebreak.events.Notification;
import io.firebreak.events.NotificationKind;
import io.firebreak.events.Severity;
import io.firebreak.events.Stage;
import io.firebreak.schemas.Serdes;
import io.firebreak.schemas.Topic;
import io.firebreak.schemas.Topics;
import io.firebreak.schemas.registry.InMemorySchemaRegistryClient;
import io.firebreak.schemas.registry.SchemaRegistryException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one channel: consumes {@code firebreak.notify.<channel>.v1} as consumer group
 * {@code firebreak-notifier-<channel>}, delivers each notification through the {@link Notifier} with the
 * {@link RetryPolicy}, writes a {@link DeliveryReceipt} (and, on a permanent failure or a spent budget, the
 * notification to the channel's DLQ), and only then commits that record's offset (DESIGN §9).
 *
 * <p>Guarantees and why they hold:
 * <ul>
 *   <li><b>Nothing lost:</b> auto-commit is off and an offset is committed only after the receipt (and the dead
 *       letter) were acknowledged by Kafka; anything not committed is read again after a restart or rebalance.
 *       That makes delivery at-least-once, which the receivers' idempotency keys turn into effectively once.</li>
 *   <li><b>Per-incident order:</b> records are keyed by incident id, so one incident's notifications share a
 *       partition, and one thread handles a partition's records strictly one after the other: a resolve never
 *       overtakes its trigger, even while the trigger is being retried.</li>
 *   <li><b>Group membership during long backoffs:</b> a retry may wait minutes (PagerDuty 429s). Instead of
 *       sleeping, the thread pauses every assigned partition and keeps calling {@code poll}, which returns no
 *       records but keeps {@code max.poll.interval.ms} satisfied, so the group does not evict the consumer and
 *       rebalance in the middle of a retry. If a partition is taken away anyway, its in-flight retry is abandoned
 *       (not committed) and its new owner starts again from the committed offset.</li>
 *   <li><b>Read committed:</b> notifications are written by the exactly-once correlation topology, so aborted
 *       transactions must never page anyone.</li>
 * </ul>
 */
public final class NotifierService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NotifierService.class);

    /** How long one poll may block: also how quickly the thread notices {@link #close()}. */
    private static final Duration POLL = Duration.ofMillis(500);
    /** Between two records of a batch the thread polls (paused) when it has not for this long. */
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(10);
    /** A consumer that has not polled for this long is reported unhealthy. */
    private static final Duration STALLED = Duration.ofSeconds(90);
    /** How long close() lets an in-flight delivery finish (an HTTP attempt takes at most its timeout, 10 s). */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(20);
    /** Wait after an unexpected error before the next poll, so a persistent failure does not spin. */
    private static final Duration ERROR_PAUSE = Duration.ofSeconds(1);
    /**
     * Records per poll. Each may take a 10 s HTTP attempt before the next poll; 20 of them stay far inside the
     * default 5 min max.poll.interval.ms even without the keep-alive polls.
     */
    private static final int MAX_POLL_RECORDS = 20;

    /** Header of a dead letter that could not be read as a Notification (so has no failureReason field): why. */
    public static final String FAILURE_HEADER = "firebreak.failure";
    /** Header of such a dead letter: topic/partition/offset it came from. */
    public static final String ORIGIN_HEADER = "firebreak.origin";

    private final String channel;
    private final Notifier notifier;
    private final RetryPolicy policy;
    private final RetryingDelivery retrying;
    private final Topic<Notification> source;
    private final Topic<Notification> deadLetters;
    private final Serdes serdes;
    private final Deserializer<Notification> reader;
    private final NotifierMetrics metrics;
    private final Clock clock;
    private final Consumer<String, byte[]> consumer;
    private final Producer<String, byte[]> producer;
    private final Thread thread;

    private final AtomicLong lag = new AtomicLong();
    /** Partitions revoked since the current batch was polled: their remaining records belong to someone else now. */
    private final Set<TopicPartition> revoked = ConcurrentHashMap.newKeySet();

    private volatile boolean running;
    private volatile boolean started;
    private volatile boolean pausing;
    private volatile Instant lastPoll;
    private volatile Optional<String> failure = Optional.empty();

    public NotifierService(String channel, Notifier notifier, RetryPolicy policy, Map<String, Object> kafkaConfig,
                           Serdes serdes, MetricRegistry metrics) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.notifier = Objects.requireNonNull(notifier, "notifier");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.serdes = Objects.requireNonNull(serdes, "serdes");
        this.source = Topics.notify(channel);
        this.deadLetters = Topics.deadLetters(channel);
        this.reader = serdes.value(source).deserializer();
        requireReadableNotifications();
        this.metrics = new NotifierMetrics(metrics, channel, lag::get);
        this.clock = Clock.systemUTC();
        this.retrying = new RetryingDelivery(channel, notifier, policy, this.metrics, clock, () -> ThreadLocalRandom.current().nextDouble());
        this.lastPoll = clock.instant();
        this.consumer = new KafkaConsumer<>(consumerConfig(channel, kafkaConfig), new StringDeserializer(), new ByteArrayDeserializer());
        this.producer = new KafkaProducer<>(producerConfig(channel, kafkaConfig), new StringSerializer(), new ByteArraySerializer());
        this.thread = new Thread(this::run, "firebreak-notifier-" + channel);
    }

    /**
     * Fails start-up when this JVM cannot read a Notification at all (e.g. Avro refusing the generated classes):
     * otherwise every record would look unreadable and go to the DLQ instead of paging anyone.
     */
    private static void requireReadableNotifications() {
        Topic<Notification> probe = Topics.notify(Topics.CHANNELS.get(0));
        Serdes local = new Serdes(new InMemorySchemaRegistryClient());
        Notification sample = Notification.newBuilder().setId("self-check").setIncidentId("self-check")
                .setChannel(Topics.CHANNELS.get(0)).setReceiver("self-check").setKind(NotificationKind.UPDATE)
                .setSeverity(Severity.LOW).setStage(Stage.ALERT_FIRED).setCluster("self-check").setServices(List.of())
                .setTitle("").setDetails(Map.of()).setIncidentVersion(0).setAttempts(0).setAt(Instant.EPOCH).build();
        try {
            byte[] bytes = local.value(probe).serializer().serialize(probe.name(), sample);
            local.value(probe).deserializer().deserialize(probe.name(), bytes);
        } catch (RuntimeException e) {
            throw new IllegalStateException("this JVM cannot read Notifications, so no notifier can run: " + e, e);
        }
    }

    public static String groupId(String channel) {
        return "firebreak-notifier-" + channel;
    }

    static Map<String, Object> consumerConfig(String channel, Map<String, Object> kafkaConfig) {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId(channel));
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // a notification written before this group first started must still be delivered
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS);
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, groupId(channel));
        return config;
    }

    static Map<String, Object> producerConfig(String channel, Map<String, Object> kafkaConfig) {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, groupId(channel) + "-receipts");
        return config;
    }

    public String channel() {
        return channel;
    }

    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("notifier service " + channel + " already started");
        }
        started = true;
        running = true;
        thread.start();
    }

    /**
     * Consuming, polling recently and not stopped by an error. A long retry backoff is healthy: the consumer keeps
     * polling through it.
     */
    public boolean healthy() {
        return started && running && thread.isAlive() && failure.isEmpty()
                && Duration.between(lastPoll, clock.instant()).compareTo(STALLED) < 0;
    }

    /** Records on the assigned partitions not yet delivered, as of the last poll (a retry in progress counts). */
    public long lag() {
        return lag.get();
    }

    /** Why the service is unhealthy, if an error stopped it or the last loop failed. */
    public Optional<String> failure() {
        return failure;
    }

    /**
     * Stops consuming. An in-flight delivery may finish (and be committed) within a grace period; a retry waiting
     * for its backoff is abandoned uncommitted, so the next start delivers it again.
     */
    @Override
    public void close() {
        running = false;
        if (!started) {
            closeClients();
            return;
        }
        try {
            thread.join(CLOSE_GRACE.toMillis());
            if (thread.isAlive()) {
                log.warn("notifier did not stop in time, interrupting channel={} grace={}", channel, CLOSE_GRACE);
                consumer.wakeup();
                thread.interrupt();
                thread.join(CLOSE_GRACE.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        log.info("notifier started channel={} topic={} group={} notifier={}", channel, source.name(), groupId(channel), notifier);
        try {
            consumer.subscribe(List.of(source.name()), new RebalanceListener());
            while (running) {
                try {
                    ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                    // revocations inside that poll came before its records, which are all ours: start the batch clean
                    revoked.clear();
                    lastPoll = clock.instant();
                    updateLag(records);
                    process(records);
                    failure = Optional.empty();
                } catch (WakeupException | InterruptException e) {
                    throw e;
                } catch (RuntimeException e) {
                    failure = Optional.of(e.toString());
                    log.error("notifier loop failed, retrying channel={} error={}", channel, e.toString(), e);
                    recover();
                }
            }
        } catch (WakeupException | InterruptException e) {
            log.info("notifier interrupted while stopping channel={}", channel);
        } catch (RuntimeException e) {
            failure = Optional.of(e.toString());
            log.error("notifier stopped by error channel={} error={}", channel, e.toString(), e);
        } finally {
            running = false;
            closeClients();
            log.info("notifier stopped channel={}", channel);
        }
    }

    /** Reads again from the last commit after a pause; if even that fails (broker gone), the next poll tries again. */
    private void recover() {
        try {
            rewindToCommitted();
            pausedWait(ERROR_PAUSE, Optional.empty());
        } catch (WakeupException | InterruptException e) {
            throw e;
        } catch (RuntimeException e) {
            log.error("notifier recovery failed, retrying channel={} error={}", channel, e.toString());
        }
    }

    private void closeClients() {
        if (notifier instanceof AutoCloseable closeable) {
            try {
                closeable.close(); // e.g. the Slack notifier's producer of posted-card records
            } catch (Exception e) {
                log.warn("closing notifier failed channel={} error={}", channel, e.toString());
            }
        }
        try {
            consumer.close(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            log.warn("closing notifier consumer failed channel={} error={}", channel, e.toString());
        }
        try {
            producer.close(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            log.warn("closing notifier producer failed channel={} error={}", channel, e.toString());
        }
    }

    private void process(ConsumerRecords<String, byte[]> records) {
        Set<TopicPartition> abandoned = new HashSet<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            if (!running) {
                return; // not committed: read again on the next start
            }
            if (abandoned.contains(partition) || revoked.contains(partition)) {
                continue; // keeps per-partition order: nothing after an unfinished record may be delivered
            }
            if (Duration.between(lastPoll, clock.instant()).compareTo(KEEP_ALIVE) > 0) {
                pausedWait(Duration.ZERO, Optional.of(partition));
                if (revoked.contains(partition)) {
                    continue;
                }
            }
            if (!handle(record, partition)) {
                abandoned.add(partition);
            }
        }
    }

    /** @return true when the record is finished (receipt written, offset committed), false when it was left for later */
    private boolean handle(ConsumerRecord<String, byte[]> record, TopicPartition partition) {
        Notification notification;
        try {
            notification = reader.deserialize(record.topic(), record.headers(), record.value());
        } catch (RuntimeException e) {
            if (registryUnavailable(e)) {
                log.warn("schema registry unavailable, will read again channel={} partition={} offset={} error={}",
                        channel, partition, record.offset(), e.toString());
                rewind(partition, record.offset());
                pausedWait(ERROR_PAUSE, Optional.of(partition));
                return false;
            }
            // a record this build cannot read would block its partition forever: its bytes go to the DLQ unchanged
            // (schema ids are global, so a fixed reader can replay them), with the reason in headers
            metrics.poison.inc();
            metrics.dlq.inc();
            log.error("unreadable notification dead-lettered channel={} partition={} offset={} key={} dlq={} error={}",
                    channel, partition, record.offset(), record.key(), deadLetters.name(), e.toString());
            return writeThenCommit(() -> List.of(unreadable(record, e)), partition, record.offset());
        }
        if (notification == null) {
            return commit(partition, record.offset()); // a tombstone: nothing to deliver
        }
        return deliver(notification, partition, record.offset());
    }

    private boolean deliver(Notification n, TopicPartition partition, long offset) {
        RetryingDelivery.Result result = retrying.deliver(n, wait -> pausedWait(wait, Optional.of(partition)));
        if (result instanceof RetryingDelivery.Result.Delivered delivered) {
            DeliveryReceipt receipt = DeliveryRecords.receipt(n, delivered.outcome(), delivered.attempts(), clock.instant());
            return writeThenCommit(() -> List.of(receiptRecord(receipt)), partition, offset);
        }
        if (result instanceof RetryingDelivery.Result.DeadLettered dead) {
            Notification letter = DeliveryRecords.deadLetter(n, dead.letter());
            DeliveryReceipt receipt = DeliveryRecords.deadLetterReceipt(n, dead.letter(), clock.instant());
            return writeThenCommit(() -> List.of(
                    new ProducerRecord<>(deadLetters.name(), n.getIncidentId(),
                            serdes.value(deadLetters).serializer().serialize(deadLetters.name(), letter)),
                    receiptRecord(receipt)), partition, offset);
        }
        return false; // abandoned: stopping, or the partition moved to another member
    }

    private ProducerRecord<String, byte[]> unreadable(ConsumerRecord<String, byte[]> record, RuntimeException error) {
        ProducerRecord<String, byte[]> dead = new ProducerRecord<>(deadLetters.name(), record.key(), record.value());
        dead.headers().add(FAILURE_HEADER, ("unreadable: " + error).getBytes(StandardCharsets.UTF_8));
        dead.headers().add(ORIGIN_HEADER, (record.topic() + "/" + record.partition() + "/" + record.offset()).getBytes(StandardCharsets.UTF_8));
        return dead;
    }

    private ProducerRecord<String, byte[]> receiptRecord(DeliveryReceipt receipt) {
        String topic = Topics.DELIVERIES.name();
        return new ProducerRecord<>(topic, receipt.getIncidentId(), serdes.value(Topics.DELIVERIES).serializer().serialize(topic, receipt));
    }

    /**
     * Writes the receipt (and dead letter) and waits for Kafka's acknowledgement before committing: a crash in
     * between delivers again (harmless with dedup keys) instead of losing the receipt. When Kafka or the schema
     * registry refuses, only the writes are retried, with backoff: re-delivering would page PagerDuty again for
     * every failed receipt while the outage lasts. The service reports unhealthy meanwhile.
     */
    private boolean writeThenCommit(Supplier<List<ProducerRecord<String, byte[]>>> outputs, TopicPartition partition, long offset) {
        for (int failures = 1; ; failures++) {
            try {
                List<Future<RecordMetadata>> acks = outputs.get().stream().map(producer::send).toList();
                for (Future<RecordMetadata> ack : acks) {
                    ack.get();
                }
                return commit(partition, offset);
            } catch (WakeupException | InterruptException e) {
                throw e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
                return false;
            } catch (ExecutionException | RuntimeException e) {
                // RuntimeException: the serializer could not reach the schema registry, or the producer refused the send
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                failure = Optional.of("cannot write to Kafka: " + cause);
                Duration wait = policy.backoff(failures, ThreadLocalRandom.current().nextDouble());
                log.error("cannot write delivery receipt, will retry the write channel={} partition={} offset={} attempt={} retryIn={} error={}",
                        channel, partition, offset, failures, wait, String.valueOf(cause));
                if (!pausedWait(wait, Optional.of(partition))) {
                    return false; // stopping or no longer ours: uncommitted, so delivered again by whoever reads it next
                }
            }
        }
    }

    private boolean commit(TopicPartition partition, long offset) {
        try {
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(offset + 1)));
            return true;
        } catch (CommitFailedException | RebalanceInProgressException e) {
            // the partition moved to another member, which reads from the last commit: a duplicate at worst
            log.warn("offset commit lost to a rebalance channel={} partition={} offset={} error={}", channel, partition, offset, e.toString());
            rewind(partition, offset);
            return false;
        }
    }

    private void rewind(TopicPartition partition, long offset) {
        if (consumer.assignment().contains(partition) && !revoked.contains(partition)) {
            consumer.seek(partition, offset);
        }
    }

    /**
     * Waits without leaving the group: every assigned partition is paused and {@code poll} keeps running, so
     * the group coordinator sees a live member while no new records are taken.
     *
     * @param owner the partition whose record is waiting, if any
     * @return true when the wait ran its course and {@code owner} is still ours; false when stopping or it was revoked
     */
    private boolean pausedWait(Duration wait, Optional<TopicPartition> owner) {
        Instant deadline = clock.instant().plus(wait);
        pausing = true;
        try {
            consumer.pause(consumer.assignment());
            do {
                Duration left = Duration.between(clock.instant(), deadline);
                ConsumerRecords<String, byte[]> unexpected = consumer.poll(left.isNegative() ? Duration.ZERO : min(left, POLL));
                lastPoll = clock.instant();
                // partitions assigned during this poll were not paused yet; put their records back for later
                rewindAll(unexpected);
                consumer.pause(consumer.assignment());
            } while (running && clock.instant().isBefore(deadline) && owner.map(p -> !revoked.contains(p)).orElse(true));
        } finally {
            pausing = false;
            consumer.resume(consumer.paused());
        }
        return running && owner.map(p -> !revoked.contains(p)).orElse(true);
    }

    /** After an unexpected error nobody knows which fetched records were finished: read again from the last commit. */
    private void rewindToCommitted() {
        Set<TopicPartition> assigned = consumer.assignment();
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assigned);
        for (TopicPartition partition : assigned) {
            OffsetAndMetadata at = committed.get(partition);
            if (at != null) {
                consumer.seek(partition, at);
            } else {
                consumer.seekToBeginning(List.of(partition));
            }
        }
    }

    private void rewindAll(ConsumerRecords<String, byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            consumer.seek(partition, records.records(partition).get(0).offset());
        }
    }

    /** Records not yet delivered as of this poll: the ones just fetched plus the ones behind them on the broker. */
    private void updateLag(ConsumerRecords<String, byte[]> fetched) {
        long total = fetched.count();
        for (TopicPartition partition : consumer.assignment()) {
            total += consumer.currentLag(partition).orElse(0);
        }
        lag.set(total);
    }

    private boolean registryUnavailable(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SchemaRegistryException registry && registry.retryable()) {
                return true;
            }
        }
        return false;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Runs inside poll(), on this service's thread. */
    private final class RebalanceListener implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            revoked.addAll(partitions);
            if (!partitions.isEmpty()) {
                log.info("partitions revoked channel={} partitions={}", channel, partitions);
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            onPartitionsRevoked(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (pausing) {
                consumer.pause(partitions); // a retry is waiting: take nothing new until it is done
            }
            if (!partitions.isEmpty()) {
                log.info("partitions assigned channel={} partitions={}", channel, partitions);
            }
        }
    }
}
