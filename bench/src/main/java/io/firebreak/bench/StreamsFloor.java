package io.firebreak.bench;

import io.firebreak.events.Signal;
import io.firebreak.schemas.Serdes;
import io.firebreak.schemas.Topics;
import io.firebreak.schemas.registry.RestSchemaRegistryClient;
import io.firebreak.streams.IncidentTopology;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.awaitility.Awaitility;

/**
 * The least any Kafka Streams correlation does per signal, as a ceiling for the {@code floor} phase: the correlation's
 * own Streams settings (exactly-once v2, transactional stores, 100 ms commits, one stream thread per core) on
 * {@code firebreak.signals.v1}, and per signal one Avro read, one put into a changelogged RocksDB store and one Avro
 * record out. firebreak's correlation does this and more (dedup and signal stores, the incident, its output), so its
 * correlated ÷ accepted cannot beat this one's on the same machine.
 */
final class StreamsFloor implements AutoCloseable {

    static final String OUTPUT = "bench.streams-floor.v1";
    private static final String STORE = "floor-signals";

    private final KafkaStreams streams;

    private StreamsFloor(KafkaStreams streams) {
        this.streams = streams;
    }

    static StreamsFloor start(Brokers cluster, String applicationId, Path stateDir, int partitions) {
        cluster.createTopic(OUTPUT, partitions);
        Serdes serdes = new Serdes(new RestSchemaRegistryClient(cluster.schemaRegistryUrl()));
        Serde<String> key = Serdes.key();
        Serde<Signal> signals = serdes.value(Topics.SIGNALS);
        Topology topology = new Topology();
        topology.addSource("signals", key.deserializer(), signals.deserializer(), Topics.SIGNALS.name());
        topology.addProcessor("keep", Keep::new, "signals");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), key, signals), "keep");
        topology.addSink("out", OUTPUT, key.serializer(), signals.serializer(), "keep");
        Properties props = IncidentTopology.streamsProperties(cluster.bootstrapServers(), applicationId, stateDir);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Runtime.getRuntime().availableProcessors());
        KafkaStreams streams = new KafkaStreams(topology, props);
        streams.start();
        Awaitility.await("the floor's Kafka Streams running").atMost(Duration.ofSeconds(60))
                .until(() -> streams.state() == KafkaStreams.State.RUNNING);
        return new StreamsFloor(streams);
    }

    /** Keeps each signal under cluster|fingerprint and passes it on. */
    private static final class Keep implements Processor<String, Signal, String, Signal> {
        private ProcessorContext<String, Signal> context;
        private KeyValueStore<String, Signal> store;

        @Override
        public void init(ProcessorContext<String, Signal> context) {
            this.context = context;
            this.store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, Signal> record) {
            Signal signal = record.value();
            store.put(signal.getCluster() + "|" + signal.getFingerprint(), signal);
            context.forward(record);
        }
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
    }
}
