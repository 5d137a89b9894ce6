package io.firebreak.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firebreak.events.LogRecord;
import io.firebreak.events.Signal;
import io.firebreak.schemas.Serdes;
import io.firebreak.schemas.Topics;
import io.firebreak.schemas.registry.IncompatibleSchemaException;
import io.firebreak.schemas.registry.RestSchemaRegistryClient;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * firebreak's registry client and serde against Confluent's own Schema Registry (the embedded one only implements
 * the same subset): what firebreak registers, Confluent stores, finds and hands back, and Confluent's BACKWARD check
 * refuses what firebreak would refuse.
 */
@Testcontainers(disabledWithoutDocker = true)
class ConfluentSchemaRegistryIT {

    @Container
    static final ConfluentStack STACK = new ConfluentStack();

    private static final String SUBJECT = Topics.SIGNALS.name() + "-value";

    @Test
    void registeredSchemasAreFoundByAnotherClientAndReadBackUnchanged() {
        int id = new RestSchemaRegistryClient(STACK.registryUrl()).register(SUBJECT, Signal.getClassSchema());

        RestSchemaRegistryClient fresh = new RestSchemaRegistryClient(STACK.registryUrl());
        assertThat(fresh.lookup(SUBJECT, Signal.getClassSchema())).contains(id);
        assertThat(fresh.schemaById(id)).isEqualTo(Signal.getClassSchema());
        assertThat(fresh.version(SUBJECT, "latest").id()).isEqualTo(id);
        assertThat(fresh.compatibility()).isEqualToIgnoringCase("BACKWARD");
    }

    @Test
    void anIncompatibleChangeIsRefusedAsIncompatible() {
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(STACK.registryUrl());
        client.register(SUBJECT, Signal.getClassSchema());
        // a new field without a default: old records cannot be read with it, so BACKWARD refuses it
        Schema breaking = SchemaBuilder.record("Signal").namespace("io.firebreak.events").fields().requiredString("tenant").endRecord();

        assertThat(client.isCompatible(SUBJECT, breaking)).isFalse();
        assertThatThrownBy(() -> client.register(SUBJECT, breaking)).isInstanceOf(IncompatibleSchemaException.class);
    }

    @Test
    void theSerdeWritesConfluentsWireFormatWithTheIdConfluentAssigned() {
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(STACK.registryUrl());
        var serde = new Serdes(client).value(Topics.LOGS);
        LogRecord log = LogRecord.newBuilder().setService("trade-engine").setCluster("oci-fra-1").setAt(Instant.parse("2026-12-01T12:00:00Z"))
                .setStatus("FILLED").setLatencyMs(3.2).build();

        byte[] bytes = serde.serializer().serialize(Topics.LOGS.name(), log);

        ByteBuffer wire = ByteBuffer.wrap(bytes);
        assertThat(wire.get()).as("magic byte").isZero();
        assertThat(wire.getInt()).isEqualTo(client.lookup(Topics.LOGS.name() + "-value", LogRecord.getClassSchema()).orElseThrow());
        assertThat(new Serdes(new RestSchemaRegistryClient(STACK.registryUrl())).value(Topics.LOGS).deserializer()
                .deserialize(Topics.LOGS.name(), bytes)).isEqualTo(log);
    }
}
