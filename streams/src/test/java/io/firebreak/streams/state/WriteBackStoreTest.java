package io.firebreak.streams.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.schemas.kafka.errors.RecordFailures;
import io.firebreak.schemas.kafka.errors.SizeGuard;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * The write-back store on a real Kafka Streams task (TopologyTestDriver commits after every input record): many puts
 * of a key in one commit are one changelog record, reads and scans see the latest put, a value the store beneath refuses
 * leaves the previous one in place and is counted.
 */
class WriteBackStoreTest {

    private static final String STORE = "values";
    private static final String CHANGELOG = "write-back-test-" + STORE + "-changelog";
    private static final int MAX_VALUE_BYTES = 100;

    /**
     * Input value "k=v1,v2,v3": puts k three times in one commit, then forwards what a read and a scan of the store
     * answer, as "get=<value> scan=<k:v;...>". Value "k=" deletes k; "k1=v;k2=w" changes both, in that order. The
     * record's key "x" scans everything, any other key scans the keys it prefixes.
     */
    private static final class PutThenRead implements Processor<String, String, String, String> {
        private ProcessorContext<String, String> context;
        private KeyValueStore<String, String> store;

        @Override
        public void init(ProcessorContext<String, String> context) {
            this.context = context;
            this.store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, String> record) {
            String first = null;
            for (String change : record.value().split(";")) {
                String[] parts = change.split("=", -1);
                first = first == null ? parts[0] : first;
                if (parts[1].isEmpty()) {
                    store.delete(parts[0]);
                } else {
                    for (String value : parts[1].split(",")) {
                        store.put(parts[0], value);
                    }
                }
            }
            List<String> scanned = new ArrayList<>();
            try (KeyValueIterator<String, String> scan = record.key().equals("x") ? store.all()
                    : store.prefixScan(record.key(), Serdes.String().serializer())) {
                scan.forEachRemaining(entry -> scanned.add(entry.key + ":" + entry.value));
            }
            context.forward(record.withValue("get=" + store.get(first) + " scan=" + String.join(";", scanned)));
        }
    }

    private final RecordFailures failures = new RecordFailures();

    private TopologyTestDriver driver() {
        return driver(2, Long.MAX_VALUE);
    }

    private TopologyTestDriver driver(int capacity, long maxBytes) {
        Serde<String> strings = Serdes.String();
        Serde<String> bounded = SizeGuard.bounded(strings, MAX_VALUE_BYTES);
        Topology topology = new Topology();
        topology.addSource("in", strings.deserializer(), strings.deserializer(), "in");
        topology.addProcessor("put-then-read", PutThenRead::new, "in");
        topology.addStateStore(WriteBackStore.builder(Stores.persistentKeyValueStore(STORE), strings, bounded, capacity, maxBytes),
                "put-then-read");
        topology.addSink("out", "out", strings.serializer(), strings.serializer(), "put-then-read");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "write-back-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(RecordFailures.CONFIG, failures);
        try {
            props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("write-back-test").toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new TopologyTestDriver(topology, props);
    }

    private static TestInputTopic<String, String> in(TopologyTestDriver driver) {
        return driver.createInputTopic("in", Serdes.String().serializer(), Serdes.String().serializer());
    }

    private static TestOutputTopic<String, String> out(TopologyTestDriver driver, String topic) {
        return driver.createOutputTopic(topic, Serdes.String().deserializer(), Serdes.String().deserializer());
    }

    @Test
    void manyPutsOfAKeyInOneCommitAreOneChangelogRecordOfTheLastValue() {
        try (TopologyTestDriver driver = driver()) {
            TestInputTopic<String, String> in = in(driver);
            TestOutputTopic<String, String> changelog = out(driver, CHANGELOG);

            in.pipeInput("x", "a=1,2,3,4,5");
            in.pipeInput("x", "b=9");

            assertThat(changelog.readKeyValuesToList()).containsExactly(KeyValue.pair("a", "5"), KeyValue.pair("b", "9"));
        }
    }

    @Test
    void readsAndScansSeeTheLatestPutBeforeItIsWrittenBack() {
        try (TopologyTestDriver driver = driver()) {
            TestInputTopic<String, String> in = in(driver);
            TestOutputTopic<String, String> out = out(driver, "out");

            in.pipeInput("x", "a=1");
            in.pipeInput("x", "b=1,2");
            in.pipeInput("x", "a=");
            in.pipeInput("x", "c=1");

            assertThat(out.readValuesToList()).containsExactly("get=1 scan=a:1", "get=2 scan=a:1;b:2", "get=null scan=b:2",
                    "get=1 scan=b:2;c:1");
        }
    }

    @Test
    void aPrefixScanSeesTheChangesUnderItsPrefixAndWritesBackOnlyThoseBeforeTheCommit() {
        try (TopologyTestDriver driver = driver()) {
            TestInputTopic<String, String> in = in(driver);
            TestOutputTopic<String, String> out = out(driver, "out");
            TestOutputTopic<String, String> changelog = out(driver, CHANGELOG);

            in.pipeInput("a", "b1=1;a1=2");

            assertThat(out.readValuesToList()).containsExactly("get=1 scan=a1:2");
            // a1 written back for the scan, b1 only at the commit: the scan wrote back nothing it could not see
            assertThat(changelog.readKeyValuesToList()).containsExactly(KeyValue.pair("a1", "2"), KeyValue.pair("b1", "1"));
        }
    }

    @Test
    void aValueTheStoreBeneathRefusesLeavesThePreviousValueAndIsCounted() {
        try (TopologyTestDriver driver = driver()) {
            TestInputTopic<String, String> in = in(driver);
            TestOutputTopic<String, String> changelog = out(driver, CHANGELOG);
            KeyValueStore<String, String> store = driver.getKeyValueStore(STORE);

            in.pipeInput("x", "a=small");
            in.pipeInput("x", "a=" + "x".repeat(MAX_VALUE_BYTES + 1));
            in.pipeInput("x", "b=next");

            assertThat(store.get("a")).isEqualTo("small");
            assertThat(store.get("b")).isEqualTo("next");
            assertThat(changelog.readKeyValuesToList()).containsExactly(KeyValue.pair("a", "small"), KeyValue.pair("b", "next"));
            assertThat(failures.total(RecordFailures.Stage.PRODUCTION)).isEqualTo(1);
        }
    }

    @Test
    void valuesReadOrWrittenBackAreHeldOnlyUpToTheByteBoundMeasuredAsTheySerialize() {
        try (TopologyTestDriver driver = driver(100, 100)) {
            TestInputTopic<String, String> in = in(driver);
            for (int i = 0; i < 10; i++) {
                in.pipeInput("x", "k" + i + "=" + String.valueOf(i).repeat(40)); // 40 bytes as UTF-8
            }
            WriteBackStore<?> store = (WriteBackStore<?>) driver.<String, String>getKeyValueStore(STORE);

            // the count bound (100) would hold all ten, 400 bytes: the byte bound keeps the two most recent
            assertThat(store.heldBytes()).isEqualTo(80);
            for (int i = 0; i < 10; i++) {
                assertThat(driver.<String, String>getKeyValueStore(STORE).get("k" + i)).isEqualTo(String.valueOf(i).repeat(40));
            }
            assertThat(store.heldBytes()).isEqualTo(80);
        }
    }

    @Test
    void changedValuesPastTheByteBoundAreWrittenBackBeforeTheCommit() {
        try (TopologyTestDriver driver = driver(100, 100)) {
            TestInputTopic<String, String> in = in(driver);
            TestOutputTopic<String, String> changelog = out(driver, CHANGELOG);
            in.pipeInput("x", "a=" + "a".repeat(60));
            changelog.readKeyValuesToList();

            // a is measured at 60 bytes; b was never measured and counts as UNMEASURED_BYTES: together past 100
            in.pipeInput("x", "a=1;b=2;a=3");

            // written back when b came, then a again at the commit; one commit would have written b=2 and a=3 only
            assertThat(changelog.readKeyValuesToList()).containsExactly(KeyValue.pair("a", "1"), KeyValue.pair("b", "2"),
                    KeyValue.pair("a", "3"));
        }
    }
}
