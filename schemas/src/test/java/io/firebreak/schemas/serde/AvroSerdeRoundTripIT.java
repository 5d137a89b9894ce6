package io.firebreak.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.embedded.EmbeddedCluster;
import io.firebreak.embedded.EmbeddedClusterExtension;
import io.firebreak.schemas.Samples;
import io.firebreak.schemas.Serdes;
import io.firebreak.schemas.Topic;
import io.firebreak.schemas.Topics;
import io.firebreak.schemas.registry.RestSchemaRegistryClient;
import io.firebreak.schemas.registry.SchemaRegistryClient;
import java.nio.ByteBuffer;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every event type through the serde and a real registry over HTTP, as producers and consumers use them. */
@ExtendWith(EmbeddedClusterExtension.class)
class AvroSerdeRoundTripIT {

    static Stream<Arguments> everyEventType() {
        return Stream.of(
                Arguments.of(Topics.SIGNALS, Samples.signal()),
                Arguments.of(Topics.CHANGES, Samples.changeEvent()),
                Arguments.of(Topics.RCA, Samples.rcaReport()),
                Arguments.of(Topics.LOGS, Samples.logRecord()),
                Arguments.of(Topics.BURN, Samples.burnRate()),
                Arguments.of(Topics.ACTIONS, Samples.lifecycleCommand()),
                Arguments.of(Topics.INCIDENTS, Samples.incident()),
                Arguments.of(Topics.notify("pagerduty"), Samples.notification()),
                Arguments.of(Topics.deadLetters("slack"), Samples.notification()),
                Arguments.of(Topics.DELIVERIES, Samples.deliveryReceipt()),
                Arguments.of(Topics.POSTMORTEMS, Samples.postmortem()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyEventType")
    <V extends SpecificRecord> void writesTheConfluentWireFormatAndReadsTheSameValueBack(Topic<V> topic, V sample, EmbeddedCluster cluster) {
        Serde<V> serde = new Serdes(new RestSchemaRegistryClient(cluster.schemaRegistryUrl())).value(topic);

        byte[] bytes = serde.serializer().serialize(topic.name(), sample);
        V read = serde.deserializer().deserialize(topic.name(), bytes);

        assertThat(read).isEqualTo(sample);
        // A fresh client (no cache) asks the registry which id the subject's schema got.
        SchemaRegistryClient registry = new RestSchemaRegistryClient(cluster.schemaRegistryUrl());
        SchemaRegistryClient.RegisteredSchema latest = registry.version(topic.name() + "-value", "latest");
        ByteBuffer header = ByteBuffer.wrap(bytes);
        assertThat(header.get()).as("magic byte").isZero();
        assertThat(header.getInt()).as("schema id").isEqualTo(latest.id());
        assertThat(latest.schema()).isEqualTo(sample.getSchema());
        assertThat(topic.valueSubject()).isEqualTo(topic.name() + "-value");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyEventType")
    <V extends SpecificRecord> void aConsumerWithAnotherClientReadsWhatAProducerWrote(Topic<V> topic, V sample, EmbeddedCluster cluster) {
        byte[] bytes = new AvroSerializer<>(new RestSchemaRegistryClient(cluster.schemaRegistryUrl()), topic.valueType())
                .serialize(topic.name(), sample);

        // Another process: it knows the writer's schema only by the id in the record.
        V read = new AvroDeserializer<>(new RestSchemaRegistryClient(cluster.schemaRegistryUrl()), topic.valueType())
                .deserialize(topic.name(), bytes);

        assertThat(read).isEqualTo(sample);
    }
}
