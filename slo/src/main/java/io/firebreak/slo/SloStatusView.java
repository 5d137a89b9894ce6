package io.firebreak.slo;

import io.firebreak.events.BurnRate;
import io.firebreak.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest BurnRate of every SLO, read from the compacted {@code firebreak.burn.v1} (read_committed, from the
 * beginning, no consumer group: every instance sees every SLO), for {@code GET /v1/slos} and {@link SloMetrics}.
 */
public final class SloStatusView implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SloStatusView.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<String, BurnRate> consumer;
    private final Consumer<BurnRate> listener;
    private final Map<String, BurnRate> latest = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    /** {@code listener} (e.g. {@code metrics::update}) sees every BurnRate read, on the view's thread. */
    public SloStatusView(String bootstrapServers, Deserializer<BurnRate> values, Consumer<BurnRate> listener) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), values);
        this.listener = listener;
        this.thread = new Thread(this::run, "slo-status-view");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Every SLO's latest BurnRate, by SLO name. */
    public List<BurnRate> all() {
        List<BurnRate> all = new ArrayList<>(latest.values());
        all.sort(Comparator.comparing(BurnRate::getSlo));
        return List.copyOf(all);
    }

    public Optional<BurnRate> find(String slo) {
        return Optional.ofNullable(latest.get(slo));
    }

    private void run() {
        try {
            assignAll();
            while (running) {
                for (ConsumerRecord<String, BurnRate> record : consumer.poll(POLL)) {
                    accept(record.value());
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("event=slo_status_view_stopped reason={}", e.toString(), e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Assigns every partition of the topic, waiting for it to exist (the engine may create it later). */
    private void assignAll() {
        while (running) {
            List<PartitionInfo> partitions = consumer.partitionsFor(Topics.BURN.name(), Duration.ofSeconds(5));
            if (partitions != null && !partitions.isEmpty()) {
                List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                consumer.assign(assigned);
                consumer.seekToBeginning(assigned);
                return;
            }
            LOG.info("event=slo_status_view_waiting topic={}", Topics.BURN.name());
        }
    }

    private void accept(BurnRate burn) {
        if (burn == null) {
            return;
        }
        latest.merge(burn.getSlo(), burn, (old, neu) -> neu.getAt().isBefore(old.getAt()) ? old : neu);
        try {
            listener.accept(burn);
        } catch (RuntimeException e) {
            LOG.warn("event=slo_status_listener_failed slo={} reason={}", burn.getSlo(), e.toString());
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
