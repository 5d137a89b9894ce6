package io.firebreak.schemas;

import java.time.Duration;

/**
 * A dead-letter topic of a Kafka Streams application: inputs it could not read or process, parked as they were read
 * (key and value bytes, original headers) plus the reason in {@code __streams.errors.*} headers (KIP-1034). Values are
 * whatever the input was — Avro of any input topic, or bytes that are not Avro at all — so it has no value type.
 */
public record DeadLetterTopic(String name, Duration retention) {

    @Override
    public String toString() {
        return name;
    }
}
