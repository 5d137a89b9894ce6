package io.firebreak.streams.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.events.Severity;
import io.firebreak.events.SignalRef;
import io.firebreak.events.SignalStatus;
import io.firebreak.schemas.registry.InMemorySchemaRegistryClient;
import io.firebreak.schemas.serde.AvroSerde;
import io.firebreak.streams.correlation.IncidentInput;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * The dedup store's retention sweep: entries of signals not seen for the retention go, unless their incident is still
 * in the correlation's state — and a storm's incident holds tens of thousands of entries, so that is one lookup per
 * incident, not per entry.
 */
class DedupSweepTest {

    private static final Instant T0 = Instant.parse("2026-11-28T09:12:03Z");
    private static final Duration RETENTION = Duration.ofHours(1);

    private final MockProcessorContext<String, IncidentInput> context = new MockProcessorContext<>();
    private final KeyValueStore<String, SignalRef> seen = store("seen", new AvroSerde<>(new InMemorySchemaRegistryClient(), SignalRef.class));
    private final KeyValueStore<String, String> flips = store("flips", Serdes.String());
    private final KeyValueStore<String, String> incidents = store("incidents", Serdes.String());
    private final AtomicInteger incidentLookups = new AtomicInteger();

    private <V> KeyValueStore<String, V> store(String name, Serde<V> values) {
        KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), values)
                .withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        return store;
    }

    /** The incidents store as the sweep sees it, counting its reads. */
    @SuppressWarnings("unchecked")
    private KeyValueStore<String, String> countingIncidents() {
        return (KeyValueStore<String, String>) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{KeyValueStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("get")) {
                        incidentLookups.incrementAndGet();
                    }
                    try {
                        return method.invoke(incidents, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void anOpenIncidentKeepsItsSignalsEntriesWithOneLookupPerSweepAndAGoneOneLosesThem() {
        incidents.put("oci-fra-1.20261128.0001", "open");
        for (int i = 0; i < 2_000; i++) {
            seen.put("oci-fra-1|open-" + i, entry("open-" + i, "oci-fra-1.20261128.0001"));
            seen.put("oci-fra-1|gone-" + i, entry("gone-" + i, "oci-fra-1.20261128.0000"));
        }
        seen.put("oci-fra-1|none", entry("none", null));
        context.addStateStore(seen);
        context.addStateStore(flips);
        context.addStateStore(countingIncidents());
        new SignalDedupProcessor("seen", "flips", "incidents", RETENTION, Duration.ofMinutes(1), new FlapDetector(4, Duration.ofMinutes(30)))
                .init(context);

        context.scheduledPunctuators().get(0).getPunctuator().punctuate(T0.plus(RETENTION).plusSeconds(60).toEpochMilli());

        assertThat(seen.approximateNumEntries()).isEqualTo(2_000);
        assertThat(seen.get("oci-fra-1|open-1999")).isNotNull();
        assertThat(seen.get("oci-fra-1|gone-0")).isNull();
        assertThat(seen.get("oci-fra-1|none")).isNull();
        assertThat(incidentLookups).as("one lookup per incident named").hasValue(2);
    }

    private static SignalRef entry(String fingerprint, String incidentId) {
        return SignalRef.newBuilder().setFingerprint(fingerprint).setAlertName("PodCrashLooping").setService("trade-engine")
                .setStatus(SignalStatus.FIRING).setSeverity(Severity.MEDIUM).setLabels(Map.of()).setFirstSeen(T0).setLastSeen(T0)
                .setCount(1).setIncidentId(incidentId).build();
    }
}
