package io.firebreak.notifiers;

import io.firebreak.core.channel.Channel;
import io.firebreak.events.DeliveryReceipt;
import io.firebreak.events.Notification;
import io.firebreak.events.NotificationKind;
import io.firebreak.events.Severity;
import io.firebreak.events.Stage;
import io.firebreak.schemas.Serdes;
import io.firebreak.schemas.Topic;
import io.firebreak.schemas.Topics;
import io.firebreak.schemas.kafka.ClientConfigs;
import io.firebreak.schemas.registry.InMemorySchemaRegistryClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one channel: consumes {@code firebreak.notify.<channel>.v1} as consumer group
 * {@code firebreak-notifier-<channel>}, delivers each notification through the {@link Notifier} with the
 * {@link RetryPolicy}, writes a {@link DeliveryReceipt} (and, on a permanent failure or a spent budget, the
 * notification to the channel's DLQ), and commits offsets only after those writes were acknowledged (DESIGN §9).
 *
 * <p>The stages, wired here from top to bottom: {@link ChannelConsumer} (group membership, paused waits, rebalances),
 * {@link BatchDelivery} (one polled batch, record by record, through {@link RetryingDelivery}),
 * {@link OutcomeWriter} (receipts and dead letters, sent without waiting), {@link PendingCommits} (acknowledged
 * writes, then the commit), {@link ChannelHealth} (health check and lag gauge).
 *
 * <p>Guarantees and why they hold:
 * <ul>
 *   <li><b>Nothing lost:</b> auto-commit is off and an offset is committed only after the receipts (and dead
 *       letters) of every record up to it were acknowledged by Kafka; anything not committed is read again after a
 *       restart or rebalance. That makes delivery at-least-once, which the receivers' idempotency keys turn into
 *       effectively once. A crash re-delivers at most the uncommitted part of one batch.</li>
 *   <li><b>Per-incident order:</b> records are keyed by incident id, so one incident's notifications share a
 *       partition, and one thread handles a partition's records strictly one after the other: a resolve never
 *       overtakes its trigger, even while the trigger is being retried.</li>
 *   <li><b>Group membership during long backoffs:</b> a retry may wait minutes (PagerDuty 429s). Instead of
 *       sleeping, the thread commits what is finished, pauses every assigned partition and keeps calling
 *       {@code poll}, which keeps {@code max.poll.interval.ms} satisfied, so the group does not evict the consumer
 *       in the middle of a retry. If a partition is taken away anyway, its in-flight retry is abandoned
 *       (not committed) and its new owner starts again from the committed offset.</li>
 *   <li><b>Read committed:</b> notifications are written by the exactly-once correlation topology, so aborted
 *       transactions must never page anyone.</li>
 * </ul>
 */
public final class NotifierService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NotifierService.class);

    /** How long close() lets an in-flight delivery finish (an HTTP attempt takes at most its timeout, 10 s). */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(20);
    /** Wait after an unexpected error before the next poll, so a persistent failure does not spin. */
    private static final Duration ERROR_PAUSE = Duration.ofSeconds(1);
    /**
     * Records per poll. Each may take a 10 s HTTP attempt before the next poll; 20 of them stay far inside the
     * default 5 min max.poll.interval.ms even without the keep-alive polls.
     */
    public static final int MAX_POLL_RECORDS = 20;

    /** Header of a dead letter that could not be read as a Notification (so has no failureReason field): why. */
    public static final String FAILURE_HEADER = "firebreak.failure";
    /** Header of such a dead letter: topic/partition/offset it came from. */
    public static final String ORIGIN_HEADER = "firebreak.origin";

    private final String channel;
    private final Notifier notifier;
    private final Topic<Notification> source;
    private final ChannelHealth health;
    private final ChannelConsumer consumer;
    private final Producer<String, byte[]> producer;
    private final BatchDelivery batches;
    private final Thread thread;

    private volatile boolean running;
    private volatile boolean started;

    public NotifierService(String channel, Notifier notifier, RetryPolicy policy, Map<String, Object> kafkaConfig,
                           Serdes serdes, NotifierMetrics.Families metrics) {
        this(channel, notifier, policy, kafkaConfig, serdes, metrics, Optional.empty());
    }

    /**
     * @param groupInstanceId this instance's {@code group.instance.id} in the channel's group, the same after a restart:
     *                        a restarted instance then resumes its partitions at once instead of after the crashed
     *                        member's session timeout (45 s without pages). Unique per instance.
     */
    public NotifierService(String channel, Notifier notifier, RetryPolicy policy, Map<String, Object> kafkaConfig,
                           Serdes serdes, NotifierMetrics.Families metrics, Optional<String> groupInstanceId) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.notifier = Objects.requireNonNull(notifier, "notifier");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(serdes, "serdes");
        this.source = Topics.notify(channel);
        var reader = serdes.value(source).deserializer();
        requireReadableNotifications();
        Clock clock = Clock.systemUTC();
        this.health = new ChannelHealth(clock);
        NotifierMetrics channelMetrics = new NotifierMetrics(metrics, channel, health::lag);
        RetryingDelivery retrying = new RetryingDelivery(channel, notifier, policy, channelMetrics, clock,
                () -> ThreadLocalRandom.current().nextDouble());
        this.consumer = new ChannelConsumer(channel,
                new KafkaConsumer<>(consumerConfig(channel, kafkaConfig, groupInstanceId), new StringDeserializer(), new ByteArrayDeserializer()),
                health, clock, () -> running);
        this.producer = new KafkaProducer<>(producerConfig(channel, kafkaConfig), new StringSerializer(), new ByteArraySerializer());
        OutcomeWriter writer = new OutcomeWriter(channel, producer, serdes, policy, health, clock);
        this.batches = new BatchDelivery(channel, reader, retrying, writer, consumer, health, channelMetrics, () -> running, clock);
        this.thread = new Thread(this::run, "firebreak-notifier-" + channel);
    }

    /**
     * Fails start-up when this JVM cannot read a Notification at all (e.g. Avro refusing the generated classes):
     * otherwise every record would look unreadable and go to the DLQ instead of paging anyone.
     */
    private static void requireReadableNotifications() {
        Channel any = Channel.values()[0]; // the check is of this JVM's Avro, which reads every channel alike
        Topic<Notification> probe = Topics.notify(any);
        Serdes local = new Serdes(new InMemorySchemaRegistryClient());
        Notification sample = Notification.newBuilder().setId("self-check").setIncidentId("self-check")
                .setChannel(any.id()).setReceiver("self-check").setKind(NotificationKind.UPDATE)
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

    static Map<String, Object> consumerConfig(String channel, Map<String, Object> kafkaConfig, Optional<String> groupInstanceId) {
        ClientConfigs member = ClientConfigs.from(kafkaConfig).group(groupId(channel)).committedReads();
        groupInstanceId.ifPresent(member::staticMember);
        Map<String, Object> config = member.build();
        // a notification written before this group first started must still be delivered
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS);
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, groupId(channel));
        return config;
    }

    static Map<String, Object> producerConfig(String channel, Map<String, Object> kafkaConfig) {
        Map<String, Object> config = ClientConfigs.acknowledgedProducer(kafkaConfig);
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
        return started && running && thread.isAlive() && health.failure().isEmpty() && health.pollingRecently();
    }

    /** Records on the assigned partitions not yet delivered, as of the last poll (a retry in progress counts). */
    public long lag() {
        return health.lag();
    }

    /** Why the service is unhealthy, if an error stopped it or the last loop failed. */
    public Optional<String> failure() {
        return health.failure();
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
            consumer.subscribe(source.name());
            while (running) {
                try {
                    batches.process(consumer.poll());
                    health.recovered();
                } catch (WakeupException | InterruptException e) {
                    throw e;
                } catch (RuntimeException e) {
                    health.failed(e.toString());
                    log.error("notifier loop failed, retrying channel={} error={}", channel, e.toString(), e);
                    recover();
                }
            }
        } catch (WakeupException | InterruptException e) {
            log.info("notifier interrupted while stopping channel={}", channel);
        } catch (RuntimeException e) {
            health.failed(e.toString());
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
            consumer.rewindToCommitted();
            consumer.pausedWait(ERROR_PAUSE, Optional.empty());
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
            consumer.close();
        } catch (RuntimeException e) {
            log.warn("closing notifier consumer failed channel={} error={}", channel, e.toString());
        }
        try {
            producer.close(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            log.warn("closing notifier producer failed channel={} error={}", channel, e.toString());
        }
    }
}
