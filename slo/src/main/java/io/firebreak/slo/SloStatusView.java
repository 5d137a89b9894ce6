package io.firebreak.slo;

import io.firebreak.events.BurnRate;
import io.firebreak.schemas.Topics;
import io.firebreak.schemas.kafka.ClientConfigs;
import io.firebreak.schemas.kafka.CompactedTopicReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest BurnRate of every SLO, read from the compacted {@code firebreak.burn.v1} (read_committed, from the
 * beginning, no consumer group: every instance sees every SLO), for {@code GET /v1/slos} and {@link SloMetrics}; and the
 * budget remaining of each SLO over its period as far as the topic still holds it ({@link BudgetHistory}).
 */
public final class SloStatusView implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SloStatusView.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final CompactedTopicReader<String, BurnRate> reader;
    private final Consumer<BurnRate> listener;
    private final Map<String, BurnRate> latest = new ConcurrentHashMap<>();
    private final Map<String, BudgetHistory> history = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    /** {@code listener} (e.g. {@code metrics::update}) sees every BurnRate read, on the view's thread. */
    public SloStatusView(Map<String, Object> kafkaConfig, Deserializer<BurnRate> values, Consumer<BurnRate> listener) {
        this.reader = CompactedTopicReader.open(ClientConfigs.from(kafkaConfig), new StringDeserializer(), values);
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

    /** The SLO's budget remaining as this view has read it, oldest first (see {@link BudgetHistory}). */
    public List<BudgetHistory.Point> budgetHistory(String slo) {
        BudgetHistory points = history.get(slo);
        return points == null ? List.of() : points.points();
    }

    private void run() {
        try {
            assignAll();
            while (running) {
                for (ConsumerRecord<String, BurnRate> record : reader.poll(POLL)) {
                    accept(record.value());
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("event=slo_status_view_stopped reason={}", e.toString(), e);
        } finally {
            reader.close(Duration.ofSeconds(5));
        }
    }

    /** Assigns every partition of the topic, waiting for it to exist (the engine may create it later). */
    private void assignAll() {
        while (running) {
            if (reader.assignFromBeginning(List.of(Topics.BURN.name()), Duration.ofSeconds(5))) {
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
        history.computeIfAbsent(burn.getSlo(), slo -> new BudgetHistory(Duration.ofSeconds(burn.getPeriodSeconds())))
                .add(burn.getAt(), burn.getBudgetRemaining());
        try {
            listener.accept(burn);
        } catch (RuntimeException e) {
            LOG.warn("event=slo_status_listener_failed slo={} reason={}", burn.getSlo(), e.toString());
        }
    }

    @Override
    public void close() {
        running = false;
        reader.wakeup();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
