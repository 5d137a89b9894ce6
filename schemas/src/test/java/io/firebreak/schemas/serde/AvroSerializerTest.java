package io.firebreak.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firebreak.events.Incident;
import io.firebreak.events.Signal;
import io.firebreak.schemas.Samples;
import io.firebreak.schemas.registry.InMemorySchemaRegistryClient;
import java.util.Collections;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** The serializer reuses its thread's buffer and encoder: each record's bytes must stand alone, even after a failure. */
class AvroSerializerTest {

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final AvroSerializer<Signal> signals = new AvroSerializer<>(registry, Signal.class);
    private final AvroDeserializer<Signal> signalReader = new AvroDeserializer<>(registry, Signal.class);

    @Test
    void aRecordThatFailsHalfWrittenLeavesNothingInTheNextOne() {
        Signal broken = Signal.newBuilder(Samples.signal()).build();
        // a null value inside the labels map fails after the fields before it were encoded
        broken.setLabels(Collections.singletonMap("pod", null));
        Signal valid = Samples.signal();
        byte[] alone = signals.serialize("firebreak.signals.v1", valid);

        assertThatThrownBy(() -> signals.serialize("firebreak.signals.v1", broken)).isInstanceOf(SerializationException.class);
        byte[] after = signals.serialize("firebreak.signals.v1", valid);

        assertThat(after).isEqualTo(alone);
        assertThat(signalReader.deserialize("firebreak.signals.v1", after)).isEqualTo(valid);
    }

    @Test
    void recordsLargerThanTheKeptBufferAndSmallOnesAfterThemComeOutWhole() {
        AvroSerializer<Incident> incidents = new AvroSerializer<>(registry, Incident.class);
        AvroDeserializer<Incident> incidentReader = new AvroDeserializer<>(registry, Incident.class);
        Incident large = Samples.incident();
        large.setTitle("x".repeat(200_000));
        Signal small = Samples.signal();

        byte[] largeBytes = incidents.serialize("firebreak.incidents.v1", large);
        byte[] smallBytes = signals.serialize("firebreak.signals.v1", small);

        assertThat(incidentReader.deserialize("firebreak.incidents.v1", largeBytes)).isEqualTo(large);
        assertThat(signalReader.deserialize("firebreak.signals.v1", smallBytes)).isEqualTo(small);
        assertThat(smallBytes.length).isLessThan(2_000);
    }

    @Test
    void eachTopicGetsItsOwnValueSubject() {
        signals.serialize("firebreak.signals.v1", Samples.signal());
        signals.serialize("other.signals", Samples.signal());

        assertThat(registry.version("firebreak.signals.v1-value", "latest").schema()).isEqualTo(Signal.getClassSchema());
        assertThat(registry.version("other.signals-value", "latest").schema()).isEqualTo(Signal.getClassSchema());
    }
}
