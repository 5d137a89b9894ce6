package io.firebreak.notifiers;

import io.firebreak.events.Notification;
import io.firebreak.schemas.Serdes;
import io.firebreak.schemas.Topic;
import io.firebreak.schemas.Topics;
import io.firebreak.schemas.kafka.errors.DeadLetterReplay;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * {@code replay-dlq <channel>}: sends a channel's dead letters back to its notify topic after the cause was fixed.
 *
 * <p>Each dead letter is re-produced unchanged but for {@code attempts} (reset to 0) and {@code failureReason}
 * (cleared), keyed by its incident id, so it keeps its notification id and the receivers' idempotency keys
 * (dedup_key, Slack card, webhook-id) still apply. Records the notifier could not read at all are re-produced as
 * raw bytes without the failure headers (schema ids are global: a fixed build reads them). Reading, positions and
 * resuming are {@link DeadLetterReplay}'s, as consumer group {@code firebreak-dlq-replay-<channel>}.
 */
public final class DlqReplayer {

    private final DeadLetterReplay replay;
    private final Serdes serdes;

    public DlqReplayer(Map<String, Object> kafkaConfig, Serdes serdes) {
        this.replay = new DeadLetterReplay(kafkaConfig);
        this.serdes = serdes;
    }

    public static String groupId(String channel) {
        return "firebreak-dlq-replay-" + channel;
    }

    /** Replays every dead letter not replayed before (from the group's position; the whole DLQ the first time). */
    public long replay(String channel) {
        return replay(channel, Optional.empty());
    }

    /** Replays the dead letters written at or after {@code from}, whatever was replayed before. */
    public long replay(String channel, Instant from) {
        return replay(channel, Optional.of(from));
    }

    private long replay(String channel, Optional<Instant> from) {
        Topic<Notification> dlq = Topics.deadLetters(channel);
        Topic<Notification> target = Topics.notify(channel);
        Deserializer<Notification> reader = serdes.value(dlq).deserializer();
        Serializer<Notification> writer = serdes.value(target).serializer();
        return replay.replay(dlq.name(), groupId(channel), from, record -> Optional.of(replayRecord(target, record, reader, writer)));
    }

    private static ProducerRecord<byte[], byte[]> replayRecord(Topic<Notification> target, ConsumerRecord<byte[], byte[]> record,
                                                               Deserializer<Notification> reader, Serializer<Notification> writer) {
        Notification letter;
        try {
            letter = reader.deserialize(record.topic(), record.headers(), record.value());
        } catch (RuntimeException unreadable) {
            return new ProducerRecord<>(target.name(), record.key(), record.value()); // raw poison: for a fixed reader
        }
        if (letter == null) {
            return new ProducerRecord<>(target.name(), record.key(), null);
        }
        Notification fresh = Notification.newBuilder(letter).setAttempts(0).setFailureReason(null).build();
        return new ProducerRecord<>(target.name(), letter.getIncidentId().getBytes(StandardCharsets.UTF_8),
                writer.serialize(target.name(), fresh));
    }
}
