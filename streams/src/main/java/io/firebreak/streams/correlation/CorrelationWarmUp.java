package io.firebreak.streams.correlation;

import io.firebreak.core.incident.IncidentIds;
import io.firebreak.events.Incident;
import io.firebreak.events.Notification;
import io.firebreak.events.Severity;
import io.firebreak.events.Signal;
import io.firebreak.events.SignalRef;
import io.firebreak.events.SignalSource;
import io.firebreak.events.SignalStatus;
import io.firebreak.schemas.Serdes;
import io.firebreak.schemas.Topic;
import io.firebreak.schemas.Topics;
import io.firebreak.schemas.registry.InMemorySchemaRegistryClient;
import io.firebreak.schemas.serde.AvroSerde;
import io.firebreak.streams.CorrelationSettings;
import io.firebreak.streams.dedup.SignalDeduplicator;
import io.firebreak.streams.lifecycle.Notice;
import io.firebreak.streams.routing.Router;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serde;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the correlation's own decisions on made-up signals once, in memory, when the streams role starts: a process
 * started into an alert storm (a deploy, or the restart after a crash in the middle of one) otherwise meets the storm's
 * first thousands of signals with the decider, routing and Avro code still interpreted. On this 2-core machine with
 * C1 alone, the stream threads of a fresh process spent the storm's first seconds processing at half their warm speed
 * and waiting for the compiler, and new incidents of those seconds were paged 2–4 s late (bench/README, session 18;
 * with the warm-up 1–2 s: Kafka's own code stays cold).
 *
 * <p>It writes nothing anywhere and logs one line: no store, no topic, no metric; the incidents are made up (clusters
 * {@value #CLUSTER}-0 to -3) and dropped. It takes the Kafka-free decider ({@link IncidentDecider}) with the configured routes
 * and correlation settings, so the code it compiles is the code real signals take. It runs on its own thread next to
 * the broker connection and the streams' start-up, and it is bounded: {@link #SIGNALS} signals, or the deadline.
 */
public final class CorrelationWarmUp {

    private static final Logger LOG = LoggerFactory.getLogger(CorrelationWarmUp.class);
    /** Enough calls for C1 to compile the signal path (it compiles a method after about 200 calls or 2,000 loop turns). */
    static final int SIGNALS = 4_000;
    static final Duration DEADLINE = Duration.ofSeconds(5);
    static final String CLUSTER = "firebreak-warm-up";
    private static final int CLUSTERS = 4;
    private static final int SERVICES = 8;
    private static final int PODS = 40;
    private static final String NEW_SERVICE = "new-service-";
    /** The subject the dedup entries are written under: a name of the warm-up's own, in its own registry. */
    private static final String DEDUP_CHANGELOG = "firebreak-warm-up-dedup-changelog";
    private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
    private static final Severity[] SEVERITIES = {Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW};

    /** What one run did. */
    public record Result(int signals, int incidents, int notifications, long bytes, Duration took) {
    }

    private CorrelationWarmUp() {
    }

    /** Starts the warm-up on a daemon thread of its own; a failure is logged and changes nothing else. */
    public static Thread startInBackground(CorrelationSettings settings) {
        Thread thread = new Thread(() -> {
            try {
                Result result = run(settings, SIGNALS, DEADLINE);
                // "made up" in every name: someone reading the log at 3 a.m. must not take them for real incidents
                LOG.info("event=correlation_warm_up made_up_signals={} made_up_incidents={} notifications_rendered={} took_ms={}",
                        result.signals(), result.incidents(), result.notifications(), result.took().toMillis());
            } catch (RuntimeException e) {
                LOG.warn("event=correlation_warm_up_failed error=\"{}\"", e.toString(), e);
            }
        }, "firebreak-correlation-warm-up");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /**
     * Correlates up to {@code signals} made-up signals, or fewer when the deadline comes first: incidents opened, joined
     * by new, repeated and resolved signals (some while their changes are held), their held changes published, some
     * recovered; every signal, dedup entry, incident version and notification serialized (and the incident read back)
     * as the topology's serdes do.
     */
    public static Result run(CorrelationSettings settings, int signals, Duration deadline) {
        long started = System.nanoTime();
        long stopAt = started + deadline.toNanos();
        MadeUpStorm storm = new MadeUpStorm(settings);
        int taken = 0;
        while (taken < signals && System.nanoTime() - stopAt < 0) {
            storm.take(signal(taken), EPOCH.plusMillis(taken * 10L), taken);
            taken++;
        }
        return new Result(taken, storm.opened, storm.notifications, storm.bytes, Duration.ofNanos(System.nanoTime() - started));
    }

    /** The path a signal takes through dedup and the incident processor, on maps instead of stores. */
    private static final class MadeUpStorm {

        private final CorrelationSettings settings;
        private final IncidentDecider decider;
        private final SignalDeduplicator deduplicator = new SignalDeduplicator();
        /** The serdes the topology builds, on a schema registry in memory: nothing reaches the real one. */
        private final Serdes serdes = new Serdes(new InMemorySchemaRegistryClient());
        private final Serde<Signal> signalSerde = serdes.value(Topics.SIGNALS);
        private final Serde<SignalRef> entrySerde = new AvroSerde<>(serdes.registry(), SignalRef.class);
        private final Serde<Incident> incidentSerde = serdes.value(Topics.INCIDENTS);
        private final Map<String, SignalRef> entries = new HashMap<>();
        private final Map<GroupKey, Incident> incidents = new HashMap<>();
        int opened;
        int notifications;
        long bytes;

        MadeUpStorm(CorrelationSettings settings) {
            this.settings = settings;
            this.decider = new IncidentDecider(settings, new Router(settings.routes(), settings.incidentUrlBase()), NoEvidence.INSTANCE);
        }

        void take(Signal signal, Instant at, int n) {
            signalSerde.deserializer().deserialize(Topics.SIGNALS.name(), signalSerde.serializer().serialize(Topics.SIGNALS.name(), signal));
            SignalDeduplicator.Decision dedup = deduplicator.decide(Optional.ofNullable(entries.get(signal.getFingerprint())), signal, at);
            Optional<SignalRef> previous = Optional.ofNullable(entries.put(signal.getFingerprint(), dedup.remembered()));
            bytes += entrySerde.serializer().serialize(DEDUP_CHANGELOG, dedup.remembered()).length;
            if (!dedup.forward()) {
                return;
            }
            GroupKey group = GroupKey.of(signal, settings.groupBy());
            Optional<Decision> decision = decide(group, signal, previous, n % 3 == 0, at);
            if (decision.isEmpty()) {
                return;
            }
            Incident next = decision.get().incident();
            dedup.remembered().setIncidentId(next.getId());
            if (n % 50 == 48) {
                next = decider.publishHeld(next, Notice.UPDATE, at).incident();
            }
            if (n % 400 == 398) {
                next = decider.recovered(next, at).incident();
            }
            for (Notification notification : decision.get().notifications()) {
                Topic<Notification> topic = Topics.notify(notification.getChannel());
                bytes += serdes.value(topic).serializer().serialize(topic.name(), notification).length;
                notifications++;
            }
            store(group, next, signal);
        }

        private Optional<Decision> decide(GroupKey group, Signal signal, Optional<SignalRef> previous, boolean held, Instant at) {
            Incident current = incidents.get(group);
            if (current == null) {
                opened++;
                return Optional.of(decider.open(IncidentIds.format(signal.getCluster(), "20260101", opened), group, signal, false,
                        Optional.empty(), at));
            }
            Optional<SignalRef> known = previous.filter(entry -> current.getId().equals(entry.getIncidentId())).map(IncidentState::inIncident);
            return decider.signal(current, known, signal, false, Optional.empty(), Optional.empty(), held, at);
        }

        /** Written and read back as the incidents store does; an incident of a one-signal service is dropped at once. */
        private void store(GroupKey group, Incident incident, Signal signal) {
            byte[] written = incidentSerde.serializer().serialize(Topics.INCIDENTS.name(), incident);
            bytes += written.length;
            Incident stored = SignalTally.normalized(incidentSerde.deserializer().deserialize(Topics.INCIDENTS.name(), written));
            if (signal.getService().startsWith(NEW_SERVICE)) {
                incidents.remove(group);
            } else {
                incidents.put(group, stored);
            }
        }
    }

    /**
     * Signal {@code n}: every tenth for a service of its own (a new incident, opened and paged or notified as a storm's
     * new incidents are); the others cycle through the services and pods of a few clusters, so incidents grow and take
     * repeats, and one in ten resolves an earlier pod's alert; all four severities, so every kind of route renders.
     */
    private static Signal signal(int n) {
        boolean fresh = n % 10 == 9;
        String cluster = CLUSTER + "-" + (n % CLUSTERS);
        String service = fresh ? NEW_SERVICE + n : "service-" + (n / CLUSTERS) % SERVICES;
        String pod = "pod-" + (n / (CLUSTERS * SERVICES)) % PODS;
        boolean resolve = !fresh && n % 5 == 4;
        return Signal.newBuilder().setId("warm-up-" + n).setFingerprint(cluster + "/" + service + "/" + pod)
                .setSource(SignalSource.ALERTMANAGER).setStatus(resolve ? SignalStatus.RESOLVED : SignalStatus.FIRING)
                .setSeverity(SEVERITIES[n % SEVERITIES.length]).setCluster(cluster).setService(service)
                .setAlertName("PodCrashLooping").setSummary(pod + " of " + service + " restarts")
                .setLabels(Map.of("cluster", cluster, "service", service, "pod", pod))
                .setAnnotations(Map.of("summary", "restarts")).setStartsAt(EPOCH).setReceivedAt(EPOCH.plusMillis(n * 10L)).build();
    }
}
