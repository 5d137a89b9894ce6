package io.firebreak.streams.correlation;

import io.firebreak.events.BurnRate;
import io.firebreak.events.ChangeEvent;
import io.firebreak.events.Incident;
import io.firebreak.events.LifecycleCommand;
import io.firebreak.events.Notification;
import io.firebreak.events.Postmortem;
import io.firebreak.events.RcaReport;
import io.firebreak.events.ServiceEdge;
import io.firebreak.events.Signal;
import io.firebreak.events.SignalStatus;
import io.firebreak.events.Stage;
import io.firebreak.streams.CorrelationSettings;
import io.firebreak.streams.enrich.Burn;
import io.firebreak.streams.graph.ServiceGraph;
import io.firebreak.streams.lifecycle.Commands;
import io.firebreak.streams.lifecycle.Notice;
import io.firebreak.streams.lifecycle.StageMachine;
import io.firebreak.streams.lifecycle.Timeline;
import io.firebreak.streams.routing.Router;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The incident lifecycle at the Kafka edge: consumes deduplicated signals, changes, RCA reports and
 * lifecycle commands of one cluster (all keyed by cluster, so one cluster's incidents live in one task),
 * keeps the incidents in state and emits every changed incident (key incident id) and its notifications.
 * The rules live in plain classes: {@link Correlator} (signals), {@link Enricher} (suspects, burn, RCA),
 * {@link Commands} (people's actions), {@link StageMachine} (stages), {@link Router} (who hears what).
 *
 * <p>Two clocks, on purpose:
 * <ul>
 *   <li>stream time for the retention sweep: deterministic, replays the same way under exactly_once_v2;</li>
 *   <li>wall-clock time ({@link #TICK}) for the enrichment deadline, automatic recovery and postmortem
 *       pickup: those must happen when no new record arrives (a quiet cluster after a storm has no stream
 *       time moving forward), so they cannot wait for the next record.</li>
 * </ul>
 * Watch stores (pending release, recovery since, awaiting postmortem) hold only incident ids and times, so
 * the wall-clock tick scans a few entries, not every incident.
 */
public final class IncidentProcessor implements Processor<String, IncidentInput, String, SpecificRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(IncidentProcessor.class);
    public static final Duration TICK = Duration.ofSeconds(1);
    /** How often open incidents' burn snapshots are compared with the burn table (wall clock). */
    public static final Duration BURN_REFRESH = Duration.ofSeconds(30);
    static final String NOTIFIED = "notified";

    /** Names of the state stores this processor uses ({@code burn} and {@code postmortems} are global). */
    public record Stores(String groups, String incidents, String sequences, String changes, String reports, String edges,
                         String pending, String recovery, String awaitingPostmortem, String burn, String postmortems) {
    }

    private final Stores names;
    private final CorrelationSettings settings;
    private final Router router;
    private final String incidentSink;
    private final Map<String, String> sinkByChannel;
    private final Correlator correlator = new Correlator();
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, String> groups;
    private KeyValueStore<String, Incident> incidents;
    private KeyValueStore<String, Long> sequences;
    private KeyValueStore<String, ChangeEvent> changes;
    private KeyValueStore<String, RcaReport> reports;
    private KeyValueStore<String, Long> edges;
    private KeyValueStore<String, Long> pending;
    private KeyValueStore<String, Long> recovery;
    private KeyValueStore<String, Long> awaitingPostmortem;
    private KeyValueStore<String, BurnRate> burn;
    private KeyValueStore<String, Postmortem> postmortems;
    private Enricher enricher;
    /**
     * Next wall-clock time the burn refresh runs. Deliberately not in a store: after a restart the refresh
     * simply runs at the first tick, which only costs one comparison per open incident.
     */
    private long nextBurnRefresh;

    public IncidentProcessor(Stores names, CorrelationSettings settings, Router router, String incidentSink, Map<String, String> sinkByChannel) {
        this.names = names;
        this.settings = settings;
        this.router = router;
        this.incidentSink = incidentSink;
        this.sinkByChannel = Map.copyOf(sinkByChannel);
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        groups = context.getStateStore(names.groups());
        incidents = context.getStateStore(names.incidents());
        sequences = context.getStateStore(names.sequences());
        changes = context.getStateStore(names.changes());
        reports = context.getStateStore(names.reports());
        edges = context.getStateStore(names.edges());
        pending = context.getStateStore(names.pending());
        recovery = context.getStateStore(names.recovery());
        awaitingPostmortem = context.getStateStore(names.awaitingPostmortem());
        burn = context.getStateStore(names.burn());
        postmortems = context.getStateStore(names.postmortems());
        enricher = new Enricher(settings, this::burnRates, this::clusterChanges);
        context.schedule(settings.purgeInterval(), PunctuationType.STREAM_TIME, this::sweep);
        context.schedule(TICK, PunctuationType.WALL_CLOCK_TIME, this::tick);
    }

    @Override
    public void process(Record<String, IncidentInput> record) {
        IncidentInput input = record.value();
        try {
            if (input instanceof IncidentInput.SignalInput signal) {
                onSignal(signal, record.timestamp());
            } else if (input instanceof IncidentInput.ChangeInput change) {
                onChange(change.change(), record.timestamp());
            } else if (input instanceof IncidentInput.RcaInput rca) {
                onRca(rca.report(), record.timestamp());
            } else if (input instanceof IncidentInput.CommandInput command) {
                onCommand(command.command(), record.timestamp());
            }
        } catch (RuntimeException e) {
            // a bug in one rule must not stall the cluster's incidents forever: log with context and move on
            LOG.error("event=incident_input_failed key={} input={} reason={}", record.key(), input == null ? "null" : input.getClass().getSimpleName(), e.toString(), e);
        }
    }

    // ---- signals ---------------------------------------------------------------------------------------

    private void onSignal(IncidentInput.SignalInput input, long timestamp) {
        Signal signal = input.signal();
        Instant at = Instant.ofEpochMilli(timestamp);
        GroupKey group = GroupKey.of(signal, settings.groupBy());
        Incident current = Optional.ofNullable(groups.get(group.storeKey())).map(incidents::get).orElse(null);
        long now = Math.max(timestamp, context.currentStreamTimeMs());
        if (current != null && expired(current, Instant.ofEpochMilli(now).minus(settings.retention()))) {
            // the sweep runs after this record; an alert arriving past the retention must not revive the old incident
            expire(current, now);
            current = null;
        }
        if (current != null && current.getStage() == Stage.POSTMORTEM_PUBLISHED) {
            current = null; // published: the problem is closed for good, a new alert is a new incident
        }
        Optional<String> via = Optional.empty();
        if (current == null && signal.getStatus() == SignalStatus.FIRING) {
            Optional<KeyValue<Incident, String>> linked = linkedIncident(signal, at);
            if (linked.isPresent()) {
                current = linked.get().key;
                via = Optional.of(signal.getService() + " is linked to " + linked.get().value);
                groups.put(group.storeKey(), current.getId());
            }
        }
        Optional<String> runbook = runbookUrl(signal);
        if (current == null) {
            if (signal.getStatus() == SignalStatus.RESOLVED) {
                LOG.debug("event=resolved_without_incident cluster={} fingerprint={}", signal.getCluster(), signal.getFingerprint());
                return;
            }
            Incident opened = correlator.open(nextId(signal.getCluster(), timestamp), group, signal, input.flapping(), at);
            opened.setVersion(0);
            groups.put(group.storeKey(), opened.getId());
            pending.put(opened.getId(), context.currentSystemTimeMs() + settings.enrichmentWait().toMillis());
            LOG.info("event=incident_opened incident={} group={} severity={} fingerprint={}",
                    opened.getId(), group, opened.getSeverity(), signal.getFingerprint());
            update(opened, Notice.NONE, runbook, at);
            return;
        }
        Optional<Correlator.Applied> applied = correlator.apply(current, signal, input.flapping(), via, at);
        if (applied.isEmpty()) {
            return;
        }
        LOG.info("event=incident_signal incident={} fingerprint={} status={} via_graph={}",
                current.getId(), signal.getFingerprint(), signal.getStatus(), via.isPresent());
        update(applied.get().incident(), applied.get().notice(), runbook, at);
    }

    /**
     * Dependency-graph correlation (DESIGN §6.3): the open incident of this cluster with a service linked to
     * the signal's service (either direction, up to graphDepth hops) whose last signal is within the window;
     * the most recently active one when several fit. Value: the linked service.
     */
    private Optional<KeyValue<Incident, String>> linkedIncident(Signal signal, Instant at) {
        ServiceGraph graph = graph(signal.getCluster());
        Incident best = null;
        String bestVia = null;
        for (Incident incident : clusterIncidents(signal.getCluster())) {
            if (incident.getStage() == Stage.POSTMORTEM_PUBLISHED
                    || Correlator.lastSignalAt(incident).isBefore(at.minus(settings.window()))) {
                continue;
            }
            for (String service : incident.getServices()) {
                if (graph.linked(signal.getService(), service, settings.graphDepth())) {
                    if (best == null || Correlator.lastSignalAt(incident).isAfter(Correlator.lastSignalAt(best))) {
                        best = incident;
                        bestVia = service;
                    }
                    break;
                }
            }
        }
        return best == null ? Optional.empty() : Optional.of(KeyValue.pair(best, bestVia));
    }

    // ---- changes, RCA, commands -------------------------------------------------------------------------

    private void onChange(ChangeEvent change, long timestamp) {
        changes.put(changeKey(change), change);
        Instant at = Instant.ofEpochMilli(timestamp);
        ServiceGraph graph = graph(change.getCluster());
        for (Incident incident : clusterIncidents(change.getCluster())) {
            if (StageMachine.active(incident) && enricher.wouldSuspect(change, incident, graph)) {
                update(Incident.newBuilder(incident).build(), Notice.NONE, Optional.empty(), at);
            }
        }
    }

    private void onRca(RcaReport report, long timestamp) {
        for (ServiceEdge edge : report.getDependencies()) {
            edges.put(report.getCluster() + "|" + edge.getFrom() + "|" + edge.getTo(), timestamp);
        }
        reports.put(report.getCluster() + "|" + report.getService(), report);
        Instant at = Instant.ofEpochMilli(timestamp);
        for (Incident incident : clusterIncidents(report.getCluster())) {
            boolean named = report.getIncidentId() != null ? report.getIncidentId().equals(incident.getId())
                    : incident.getServices().contains(report.getService());
            if (named && incident.getStage() != Stage.POSTMORTEM_PUBLISHED) {
                update(Incident.newBuilder(incident).build(), Notice.NONE, Optional.empty(), at);
            }
        }
    }

    private void onCommand(LifecycleCommand command, long timestamp) {
        Incident incident = incidents.get(command.getIncidentId());
        if (incident == null) {
            LOG.warn("event=command_rejected reason=unknown_incident incident={} action={} command={} actor={}",
                    command.getIncidentId(), command.getAction(), command.getId(), command.getActor());
            return;
        }
        Incident working = Incident.newBuilder(incident).build();
        Commands.Result result = Commands.apply(working, command, Instant.ofEpochMilli(timestamp));
        LOG.info("event=command incident={} action={} command={} outcome={} reason={}",
                incident.getId(), command.getAction(), command.getId(), result.outcome(), result.reason());
        if (result.outcome() != Commands.Outcome.DUPLICATE) {
            update(working, result.notice(), Optional.empty(), Instant.ofEpochMilli(timestamp));
        }
    }

    // ---- the one path every change takes ------------------------------------------------------------------

    /**
     * Enriches the changed working copy, stamps the new version, routes (or releases the first notifications
     * once enrichment is in or the wait is over), stores and emits. One incident version per input.
     */
    private void update(Incident working, Notice notice, Optional<String> runbook, Instant at) {
        ServiceGraph graph = graph(working.getCluster());
        boolean released = Timeline.has(working, NOTIFIED);
        Notice effective = notice.and(enricher.enrich(working, graph, corootReport(working), at, released));
        working.setVersion(working.getVersion() + 1);
        working.setUpdatedAt(at);
        List<Notification> out = new ArrayList<>();
        Incident result = working;
        if (released) {
            Router.Routed routed = router.route(working, effective, runbook, at);
            result = routed.incident();
            enterTriggeredStages(result, routed.triggered(), at);
            out.addAll(routed.notifications());
        } else if (settings.enrichmentWait().isZero() || enricher.complete(working)) {
            result = release(working, graph, runbook, at, out);
        }
        save(result, out, at);
    }

    /** The first notifications (DESIGN §5): RCA and burn stages, TRIGGERs, PAGED / WAR_ROOM_OPEN. */
    private Incident release(Incident working, ServiceGraph graph, Optional<String> runbook, Instant at, List<Notification> out) {
        enricher.enrich(working, graph, corootReport(working), at, true);
        Router.Routed routed = router.route(working, Notice.NONE, runbook, at);
        Incident result = routed.incident();
        Timeline.add(result, at, NOTIFIED, routed.triggered().isEmpty() ? "no receiver routed for " + result.getSeverity() + " (dashboard only)"
                : "notified " + String.join(", ", routed.triggered()));
        enterTriggeredStages(result, routed.triggered(), at);
        out.addAll(routed.notifications());
        pending.delete(result.getId());
        return result;
    }

    private void enterTriggeredStages(Incident incident, List<String> triggered, Instant at) {
        for (String receiver : triggered) {
            if (router.pagesPagerDuty(receiver)) {
                advance(incident, Stage.PAGED, at, "paged via " + receiver + " at " + incident.getSeverity());
            }
        }
        for (String receiver : triggered) {
            if (Router.warRoom(receiver)) {
                advance(incident, Stage.WAR_ROOM_OPEN, at, "war room opened via " + receiver);
            }
        }
    }

    private static void advance(Incident incident, Stage stage, Instant at, String cause) {
        if (!StageMachine.reached(incident, stage) && StageMachine.allowed(incident.getStage(), stage)) {
            StageMachine.enter(incident, stage, at, cause, Timeline.ACTOR, List.of());
        }
    }

    private void save(Incident incident, List<Notification> notifications, Instant at) {
        incidents.put(incident.getId(), incident);
        syncWatches(incident);
        long timestamp = at.toEpochMilli();
        context.forward(new Record<String, SpecificRecord>(incident.getId(), incident, timestamp), incidentSink);
        for (Notification notification : notifications) {
            notification.setStage(incident.getStage());
            Map<String, String> details = new java.util.LinkedHashMap<>(notification.getDetails());
            details.put("stage", incident.getStage().name());
            notification.setDetails(details);
            String sink = sinkByChannel.get(notification.getChannel());
            if (sink == null) {
                LOG.error("event=notification_dropped reason=no_topic_for_channel incident={} receiver={} channel={}",
                        incident.getId(), notification.getReceiver(), notification.getChannel());
                continue;
            }
            LOG.info("event=notify incident={} receiver={} kind={} severity={} notification={}", incident.getId(),
                    notification.getReceiver(), notification.getKind(), notification.getSeverity(), notification.getId());
            context.forward(new Record<String, SpecificRecord>(incident.getId(), notification, timestamp), sink);
        }
    }

    /** Keeps the wall-clock watch lists in step with the incident's state. */
    private void syncWatches(Incident incident) {
        String id = incident.getId();
        boolean waitingForRecovery = StageMachine.active(incident) && Correlator.allResolved(incident.getSignals());
        if (!waitingForRecovery) {
            recovery.delete(id);
        } else if (recovery.get(id) == null) {
            recovery.put(id, context.currentSystemTimeMs());
        }
        if (incident.getStage() == Stage.RECOVERED) {
            awaitingPostmortem.put(id, context.currentSystemTimeMs());
        } else {
            awaitingPostmortem.delete(id);
        }
    }

    // ---- wall clock ---------------------------------------------------------------------------------------

    private void tick(long wallNow) {
        Instant at = Instant.ofEpochMilli(wallNow);
        for (KeyValue<String, Long> due : entries(pending)) {
            Incident incident = incidents.get(due.key);
            if (incident == null || Timeline.has(incident, NOTIFIED)) {
                pending.delete(due.key);
            } else if (due.value <= wallNow) {
                Incident working = Incident.newBuilder(incident).build();
                working.setVersion(working.getVersion() + 1);
                working.setUpdatedAt(at);
                ServiceGraph graph = graph(working.getCluster());
                List<Notification> out = new ArrayList<>();
                Incident released = release(working, graph, Optional.empty(), at, out);
                LOG.info("event=enrichment_wait_over incident={} notifications={}", incident.getId(), out.size());
                save(released, out, at);
            }
        }
        if (wallNow >= nextBurnRefresh) {
            nextBurnRefresh = wallNow + BURN_REFRESH.toMillis();
            refreshBurn(at);
        }
        for (KeyValue<String, Long> since : entries(recovery)) {
            Incident incident = incidents.get(since.key);
            if (incident == null || !StageMachine.active(incident) || !Correlator.allResolved(incident.getSignals())) {
                recovery.delete(since.key);
                continue;
            }
            Incident working = Incident.newBuilder(incident).build();
            if (!Burn.underThreshold(Burn.snapshots(working, burnRates()))) {
                recovery.put(since.key, wallNow); // still burning: the stable period starts again
                continue;
            }
            if (wallNow - since.value >= settings.stableFor().toMillis()) {
                StageMachine.enter(working, Stage.RECOVERED, at, "every signal resolved and the " + Burn.SHORT_WINDOW
                        + " burn under " + Burn.RECOVERY_THRESHOLD + "x for " + settings.stableFor(), Timeline.ACTOR,
                        List.of(working.getSignals().size() + " signals resolved"));
                LOG.info("event=incident_recovered incident={} cause=auto", incident.getId());
                update(working, Notice.RESOLVE, Optional.empty(), at);
            }
        }
        for (KeyValue<String, Long> waiting : entries(awaitingPostmortem)) {
            Incident incident = incidents.get(waiting.key);
            Postmortem postmortem = postmortems.get(waiting.key);
            if (incident == null || incident.getStage() != Stage.RECOVERED) {
                awaitingPostmortem.delete(waiting.key);
            } else if (postmortem != null) {
                Incident working = Incident.newBuilder(incident).build();
                StageMachine.enter(working, Stage.POSTMORTEM_PUBLISHED, at, "postmortem published (revision "
                        + postmortem.getRevision() + ")", "postmortem", List.of("postmortem " + postmortem.getIncidentId()));
                update(working, Notice.UPDATE, Optional.empty(), at);
            }
        }
    }

    /**
     * The burn table (a global store) changes without any record reaching this processor, so open incidents
     * would show the burn of their last change. Every {@link #BURN_REFRESH} the open incidents whose burn moved
     * meaningfully (see {@link io.firebreak.streams.enrich.BurnChange}) get a new version; burn data for an
     * incident that had none, or a changed alert level, is also an UPDATE to the notified receivers (never a
     * page: TRIGGERs only go to receivers not notified yet).
     */
    private void refreshBurn(Instant at) {
        if (burnRates().isEmpty()) {
            return;
        }
        for (KeyValue<String, Incident> entry : entries(incidents)) {
            Incident incident = entry.value;
            if (StageMachine.active(incident) && enricher.burnChanged(incident)) {
                LOG.info("event=burn_refreshed incident={}", incident.getId());
                update(Incident.newBuilder(incident).build(), Notice.NONE, Optional.empty(), at);
            }
        }
    }

    // ---- stream time: retention -----------------------------------------------------------------------------

    /** Quiet since the cutoff and nothing left firing (or already closed): it may leave the state. */
    private static boolean expired(Incident incident, Instant cutoff) {
        return incident.getUpdatedAt().isBefore(cutoff) && (incident.getClosed() || Correlator.allResolved(incident.getSignals()));
    }

    /** Closes the incident (one last version downstream) and drops it and its group entry from state. */
    private void expire(Incident incident, long streamTime) {
        if (!incident.getClosed()) {
            Incident closed = correlator.close(incident, Instant.ofEpochMilli(streamTime),
                    "closed: every signal resolved and nothing changed for " + settings.retention());
            context.forward(new Record<String, SpecificRecord>(closed.getId(), closed, streamTime), incidentSink);
        }
        incidents.delete(incident.getId());
        pending.delete(incident.getId());
        recovery.delete(incident.getId());
        awaitingPostmortem.delete(incident.getId());
        String groupKey = new GroupKey(incident.getCluster(), incident.getGroupKey()).storeKey();
        if (incident.getId().equals(groups.get(groupKey))) {
            groups.delete(groupKey);
        }
        LOG.info("event=incident_expired incident={} cluster={}", incident.getId(), incident.getCluster());
    }

    private void sweep(long streamTime) {
        Instant cutoff = Instant.ofEpochMilli(streamTime).minus(settings.retention());
        List<Incident> expired = new ArrayList<>();
        try (KeyValueIterator<String, Incident> all = incidents.all()) {
            while (all.hasNext()) {
                Incident incident = all.next().value;
                if (expired(incident, cutoff)) {
                    expired.add(incident);
                }
            }
        }
        expired.forEach(incident -> expire(incident, streamTime));
        // group entries pointing at an incident that left the state (graph joins add several per incident)
        for (KeyValue<String, String> group : entries(groups)) {
            if (incidents.get(group.value) == null) {
                groups.delete(group.key);
            }
        }
        String today = IncidentIds.day(streamTime);
        for (KeyValue<String, Long> entry : entries(sequences)) {
            if (entry.key.substring(entry.key.lastIndexOf('|') + 1).compareTo(today) < 0) {
                sequences.delete(entry.key);
            }
        }
        // changes only matter for the lookback before a new incident; RCA reports for the retention
        Instant changeCutoff = Instant.ofEpochMilli(streamTime).minus(settings.changeLookback()).minus(settings.window());
        for (KeyValue<String, ChangeEvent> change : entries(changes)) {
            if (change.value.getAt().isBefore(changeCutoff)) {
                changes.delete(change.key);
            }
        }
        for (KeyValue<String, RcaReport> report : entries(reports)) {
            if (report.value.getAt().isBefore(cutoff)) {
                reports.delete(report.key);
            }
        }
    }

    // ---- store helpers ------------------------------------------------------------------------------------

    private List<Incident> clusterIncidents(String cluster) {
        List<Incident> found = new ArrayList<>();
        try (KeyValueIterator<String, Incident> scan = incidents.prefixScan(cluster + ".", new StringSerializer())) {
            while (scan.hasNext()) {
                Incident incident = scan.next().value;
                if (incident.getCluster().equals(cluster)) {
                    found.add(incident);
                }
            }
        }
        return found;
    }

    List<ChangeEvent> clusterChanges(String cluster) {
        List<ChangeEvent> found = new ArrayList<>();
        try (KeyValueIterator<String, ChangeEvent> scan = changes.prefixScan(cluster + "|", new StringSerializer())) {
            scan.forEachRemaining(entry -> found.add(entry.value));
        }
        return found;
    }

    private ServiceGraph graph(String cluster) {
        List<ServiceGraph.Edge> learned = new ArrayList<>();
        try (KeyValueIterator<String, Long> scan = edges.prefixScan(cluster + "|", new StringSerializer())) {
            scan.forEachRemaining(entry -> {
                String[] parts = entry.key.substring(cluster.length() + 1).split("\\|", 2);
                if (parts.length == 2) {
                    learned.add(new ServiceGraph.Edge(parts[0], parts[1]));
                }
            });
        }
        return settings.services().plus(learned);
    }

    /** The latest Coroot (or other external) RCA for one of the incident's services, recent enough. */
    private Optional<RcaReport> corootReport(Incident incident) {
        RcaReport best = null;
        for (String service : incident.getServices()) {
            RcaReport report = reports.get(incident.getCluster() + "|" + service);
            boolean recent = report != null && !report.getAt().isBefore(incident.getOpenedAt().minus(settings.window()));
            boolean forOther = report != null && report.getIncidentId() != null && !report.getIncidentId().equals(incident.getId());
            if (recent && !forOther && (best == null || report.getAt().isAfter(best.getAt()))) {
                best = report;
            }
        }
        return Optional.ofNullable(best);
    }

    private List<BurnRate> burnRates() {
        List<BurnRate> all = new ArrayList<>();
        try (KeyValueIterator<String, BurnRate> scan = burn.all()) {
            scan.forEachRemaining(entry -> all.add(entry.value));
        }
        return all;
    }

    private static <V> List<KeyValue<String, V>> entries(KeyValueStore<String, V> store) {
        List<KeyValue<String, V>> all = new ArrayList<>();
        try (KeyValueIterator<String, V> scan = store.all()) {
            scan.forEachRemaining(all::add);
        }
        return all;
    }

    private static String changeKey(ChangeEvent change) {
        return change.getCluster() + "|" + String.format("%013d", change.getAt().toEpochMilli()) + "|" + change.getId();
    }

    /**
     * The day comes from stream time (monotonic per task), not the record's own timestamp: a late record
     * must never pick a day whose counter was already swept, or it would hand out an id again.
     */
    private String nextId(String cluster, long recordTime) {
        String day = IncidentIds.day(Math.max(recordTime, context.currentStreamTimeMs()));
        String key = cluster + "|" + day;
        long sequence = Optional.ofNullable(sequences.get(key)).orElse(0L) + 1;
        sequences.put(key, sequence);
        return IncidentIds.format(cluster, day, sequence);
    }

    private static Optional<String> runbookUrl(Signal signal) {
        if (signal.getRunbookUrl() != null && !signal.getRunbookUrl().isBlank()) {
            return Optional.of(signal.getRunbookUrl());
        }
        return Optional.ofNullable(signal.getAnnotations().get("runbook_url")).filter(url -> !url.isBlank());
    }
}
