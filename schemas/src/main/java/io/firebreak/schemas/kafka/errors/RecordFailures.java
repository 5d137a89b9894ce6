package io.firebreak.schemas.kafka.errors;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The tally of records a Kafka Streams application could not read, process or write, shared by its exception
 * handlers (Kafka Streams creates those itself, one per thread and task, from class names) and the metrics that
 * export it. Handed to the handlers as the value of {@link #CONFIG} in the streams properties, so no static state
 * is needed. {@link #record} answers whether a cause is new, so the handlers log each cause once, with context,
 * instead of once per record in a storm (245 identical stack traces told nobody anything the first one did not).
 */
public final class RecordFailures {

    /** The streams property carrying the shared instance to the handlers. */
    public static final String CONFIG = "firebreak.record.failures";

    /** Where a record failed. */
    public enum Stage {
        /** its bytes could not be read (not Avro, unknown schema): parked on the dead-letter topic */
        DESERIALIZATION,
        /** a processor threw on it: parked on the dead-letter topic */
        PROCESSING,
        /** an output record could not be serialized or written (too large, rejected by the broker): dropped */
        PRODUCTION
    }

    /**
     * One cause: a stage, the topic (the source topic for input, the destination for output) and the reason
     * (the exception's simple class name, e.g. {@code RecordTooLargeException}).
     */
    public record Cause(Stage stage, String topic, String reason) implements Comparable<Cause> {
        public Cause {
            Objects.requireNonNull(stage, "stage");
            topic = topic == null ? "unknown" : topic;
            reason = reason == null ? "unknown" : reason;
        }

        @Override
        public int compareTo(Cause other) {
            int byStage = stage.compareTo(other.stage);
            if (byStage != 0) {
                return byStage;
            }
            int byTopic = topic.compareTo(other.topic);
            return byTopic != 0 ? byTopic : reason.compareTo(other.reason);
        }
    }

    private final ConcurrentHashMap<Cause, LongAdder> counts = new ConcurrentHashMap<>();

    /** Counts one record; {@code true} the first time this cause is seen, so the caller logs it. */
    public boolean record(Cause cause) {
        boolean[] first = {false};
        counts.computeIfAbsent(cause, c -> {
            first[0] = true;
            return new LongAdder();
        }).increment();
        return first[0];
    }

    /** The counts so far, in a stable order. */
    public Map<Cause, Long> snapshot() {
        Map<Cause, Long> snapshot = new TreeMap<>();
        counts.forEach((cause, count) -> snapshot.put(cause, count.sum()));
        return snapshot;
    }

    public long total(Stage stage) {
        return counts.entrySet().stream().filter(e -> e.getKey().stage() == stage).mapToLong(e -> e.getValue().sum()).sum();
    }

    /** The shared tally from the handler's configuration, or a private one when none was configured (a test driver). */
    public static RecordFailures from(Map<String, ?> configs) {
        return configs.get(CONFIG) instanceof RecordFailures shared ? shared : new RecordFailures();
    }

    /** The name a reason goes by in logs and metric labels: the exception's class, not its message (which may quote data). */
    static String reasonOf(Throwable exception) {
        return exception == null ? "unknown" : exception.getClass().getSimpleName();
    }
}
