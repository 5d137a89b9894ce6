package io.firebreak.schemas.kafka.errors;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Builds the record that parks a failed input on the dead-letter topic: the input's own key, value (bytes as read,
 * so a fixed build can replay them) and headers, plus why and where it failed. The header names are those of
 * KIP-1034 ({@code __streams.errors.*}), which Kafka Streams' built-in handlers write, so tooling that reads one
 * reads the other; {@code firebreak.dlq.stage} adds which of our stages gave up.
 *
 * <p>The topic is Kafka Streams' own {@value StreamsConfig#ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG}. Records are
 * sent by the task's producer, so under exactly_once_v2 the parked record, the skipped offset and the state changes
 * commit in one transaction: a crash can neither lose the parked input nor park it twice.
 */
final class DeadLetters {

    static final String EXCEPTION = "__streams.errors.exception";
    static final String MESSAGE = "__streams.errors.message";
    static final String STACKTRACE = "__streams.errors.stacktrace";
    static final String TOPIC = "__streams.errors.topic";
    static final String PARTITION = "__streams.errors.partition";
    static final String OFFSET = "__streams.errors.offset";
    static final String STAGE = "firebreak.dlq.stage";

    /** Stack traces of deep call chains run to tens of KiB; the first lines say where it broke. */
    private static final int MAX_TEXT = 8 * 1024;

    private final Optional<String> topic;

    private DeadLetters(Optional<String> topic) {
        this.topic = topic;
    }

    static DeadLetters from(Map<String, ?> configs) {
        Object name = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        return new DeadLetters(name == null || name.toString().isBlank() ? Optional.empty() : Optional.of(name.toString().trim()));
    }

    Optional<String> topic() {
        return topic;
    }

    boolean isDeadLetterTopic(String name) {
        return topic.isPresent() && topic.get().equals(name);
    }

    /**
     * The parking record, or none when no dead-letter topic is configured or there is no input to park (a record
     * emitted by a punctuator has no source record).
     */
    List<ProducerRecord<byte[], byte[]>> park(RecordFailures.Stage stage, byte[] key, byte[] value, Headers original,
                                               String sourceTopic, int partition, long offset, long timestamp, Exception exception) {
        if (topic.isEmpty() || (key == null && value == null)) {
            return List.of();
        }
        Headers headers = new RecordHeaders();
        if (original != null) {
            original.forEach(header -> {
                if (!header.key().startsWith("__streams.errors.") && !header.key().equals(STAGE)) {
                    headers.add(header);
                }
            });
        }
        headers.add(EXCEPTION, utf8(exception.getClass().getName()));
        headers.add(MESSAGE, utf8(truncate(String.valueOf(exception.getMessage()))));
        headers.add(STACKTRACE, utf8(truncate(stackTrace(exception))));
        headers.add(TOPIC, utf8(String.valueOf(sourceTopic)));
        headers.add(PARTITION, utf8(Integer.toString(partition)));
        headers.add(OFFSET, utf8(Long.toString(offset)));
        headers.add(STAGE, utf8(stage.name().toLowerCase(java.util.Locale.ROOT)));
        return List.of(new ProducerRecord<>(topic.get(), null, timestamp < 0 ? null : timestamp, key, value, headers));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String truncate(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "…";
    }

    private static String stackTrace(Throwable exception) {
        StringWriter out = new StringWriter();
        exception.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    /** A key for a log line: the input's key (cluster, service or incident id — never a payload), shortened. */
    static String printableKey(byte[] key) {
        if (key == null) {
            return "null";
        }
        String text = new String(key, StandardCharsets.UTF_8);
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
