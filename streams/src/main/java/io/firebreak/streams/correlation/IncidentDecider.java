package io.firebreak.streams.correlation;

import io.firebreak.core.channel.Receiver;
import io.firebreak.core.routing.OpenAfter;
import io.firebreak.events.DeliveryReceipt;
import io.firebreak.events.HeldNotification;
import io.firebreak.events.Incident;
import io.firebreak.events.LifecycleCommand;
import io.firebreak.events.MaintenanceHold;
import io.firebreak.events.Notification;
import io.firebreak.events.NotificationKind;
import io.firebreak.events.Postmortem;
import io.firebreak.events.Signal;
import io.firebreak.events.SignalRef;
import io.firebreak.events.Stage;
import io.firebreak.events.TriggerDelivery;
import io.firebreak.streams.CorrelationSettings;
import io.firebreak.streams.enrich.Burn;
import io.firebreak.streams.graph.ServiceGraph;
import io.firebreak.streams.lifecycle.Commands;
import io.firebreak.streams.lifecycle.Notice;
import io.firebreak.streams.lifecycle.StageMachine;
import io.firebreak.streams.lifecycle.Timeline;
import io.firebreak.streams.lifecycle.Triggers;
import io.firebreak.streams.routing.Router;
import io.firebreak.streams.state.Records;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The incident runbook's decisions, in plain Java: given an incident, one input and the time, what its next version
 * is, who hears what, and whether that may wait for the update interval. It reads the cluster's evidence through
 * {@link IncidentContext} and writes nothing: no store, no topic, no Kafka type (an ArchUnit rule keeps it so). The
 * processor's classes look things up, ask, and carry out the {@link Decision} ({@link IncidentUpdates#apply}), so each
 * rule is tested as a plain method call ({@code IncidentDeciderTest}); {@code TopologyTestDriver} tests check the wiring.
 *
 * <p>Every decision takes a working copy and returns a new version: version + 1, {@code updatedAt} = the input's time,
 * enriched; then routed when the first notifications went out, or released when enrichment is in or its wait is
 * zero.
 */
final class IncidentDecider {

    private static final Logger LOG = LoggerFactory.getLogger(IncidentDecider.class);
    /** Timeline kind of the entry recording that the first notifications went out. */
    static final String NOTIFIED = "notified";
    /** Timeline kind of the entries recording that a maintenance window began or stopped holding notifications. */
    static final String MAINTENANCE = "maintenance";
    /** Timeline kind of the entry saying the incident waits for a route's paging threshold. */
    static final String THRESHOLD = "threshold";
    /** Held notifications kept on the incident: the first of each receiver and kind per window, so a handful in practice. */
    static final int MAX_HELD = 50;

    private final CorrelationSettings settings;
    private final Router router;
    private final Enricher enricher;
    private final Correlator correlator;
    private final IncidentContext context;
    private final MaintenanceCalendar maintenance;

    IncidentDecider(CorrelationSettings settings, Router router, IncidentContext context) {
        this(settings, router, context, MaintenanceCalendar.NONE);
    }

    IncidentDecider(CorrelationSettings settings, Router router, IncidentContext context, MaintenanceCalendar maintenance) {
        this.settings = settings;
        this.router = router;
        this.context = context;
        this.maintenance = maintenance;
        this.enricher = new Enricher(settings, context::burnRates, context::changesOf);
        this.correlator = new Correlator();
    }

    Enricher enricher() {
        return enricher;
    }

    /** Whether the incident's first notifications went out. */
    static boolean released(Incident incident) {
        return Timeline.has(incident, NOTIFIED);
    }

    /** The first signal of a correlation group opens an incident with the id the caller drew for it. */
    Decision open(String id, GroupKey group, Signal signal, boolean flapping, Optional<String> runbook, Instant at) {
        Incident opened = correlator.open(id, group, signal, flapping, at);
        opened.setVersion(0);
        router.waitingFor(opened, at).ifPresent(threshold -> awaitThreshold(opened, threshold, at));
        return change(opened, Notice.NONE, runbook, at).withSignal(opened.getOrigin());
    }

    /**
     * A signal for an incident it belongs to ({@code via} names the service-graph link when it joins through one);
     * {@code known} is the signal's last state in the incident. Empty when nothing visible changes (a repeat, a second
     * "resolved", a "resolved" the incident never saw as firing). {@code held}: the incident's routine changes are held
     * now (it was published within the update interval), so a {@linkplain #routine routine} signal is only counted.
     */
    Optional<Decision> signal(Incident current, Optional<SignalRef> known, Signal signal, boolean flapping, Optional<String> via,
                              Optional<String> runbook, boolean held, Instant at) {
        return correlator.apply(current, known, signal, flapping, via, at)
                .map(applied -> (held && routine(current, applied) ? counted(applied.incident(), at)
                        : change(applied.incident(), applied.notice(), runbook, at)).withSignal(applied.signal()));
    }

    /**
     * A signal nobody hears of: the incident's first notifications went out, no maintenance window holds it, the signal
     * raises no notice and adds no service, and no route waits for a paging threshold — so it cannot route to a new
     * receiver either. When such a change is held anyway, enriching and routing it would be thrown away: in a storm
     * that was a root-cause ranking and a routing per signal (14 % of the stream threads' CPU, JFR). The publication that ends the
     * interval ({@link #publishHeld}) enriches and routes the latest state once.
     */
    private boolean routine(Incident before, Correlator.Applied applied) {
        Incident after = applied.incident();
        return applied.notice() == Notice.NONE && after.getMaintenance() == null && after.getServices().equals(before.getServices())
                && !router.hasThresholds() && released(after);
    }

    /** A routine change, held: the next version, neither enriched nor routed until it is published. */
    private static Decision counted(Incident working, Instant at) {
        working.setVersion(working.getVersion() + 1);
        working.setUpdatedAt(at);
        return new Decision(working, List.of(), false, Notice.NONE, false, Optional.empty());
    }

    /** A person's or automation's command; empty for a repeat of a command already applied (by its id). */
    Optional<Decision> command(Incident incident, LifecycleCommand command, Instant at) {
        Incident working = Records.copy(incident);
        Commands.Result result = Commands.apply(working, command, at);
        LOG.info("event=command incident={} action={} command={} outcome={} reason={}",
                working.getId(), command.getAction(), command.getId(), result.outcome(), result.reason());
        if (result.outcome() == Commands.Outcome.DUPLICATE) {
            return Optional.empty();
        }
        return Optional.of(change(working, result.notice(), Optional.empty(), at));
    }

    /**
     * A delivery receipt of one of the incident's notifications (issue 17): a TRIGGER accepted enters PAGED /
     * WAR_ROOM_OPEN, one still refused updates the pending delivery, one given up on is escalated at the next tick.
     * Empty for anything that changes nothing (receipts of later notices, repeats, stale reports).
     */
    Optional<Decision> receipt(Incident incident, DeliveryReceipt receipt) {
        Incident working = Records.copy(incident);
        Triggers.Effect effect = Triggers.received(working, receipt);
        LOG.info("event=delivery_receipt incident={} receiver={} kind={} outcome={} attempts={} effect={}", incident.getId(),
                receipt.getReceiver(), receipt.getKind(), receipt.getOutcome(), receipt.getAttempts(), effect);
        if (effect == Triggers.Effect.NONE) {
            return Optional.empty();
        }
        Instant at = receipt.getAt().isAfter(incident.getUpdatedAt()) ? receipt.getAt() : incident.getUpdatedAt();
        if (effect == Triggers.Effect.RECORDED) {
            working.setVersion(working.getVersion() + 1);
            working.setUpdatedAt(at);
            return Optional.of(new Decision(working, List.of(), false, Notice.NONE, false, Optional.empty()));
        }
        Decision decision = change(working, Notice.NONE, Optional.empty(), at);
        boolean urgent = decision.urgent() || effect != Triggers.Effect.PENDING;
        return Optional.of(new Decision(decision.incident(), decision.notifications(), urgent, decision.owed(), false, Optional.empty()));
    }

    /**
     * Pages (and other first notifications) not accepted within {@code paging.pendingTimeout}, or given up on, are
     * escalated through the receivers that work: an UPDATE naming the incident and the failing receiver to every
     * receiver that accepted its own first notification (Slack, Teams, SOAR), plus the route's fallback receivers.
     *
     * <p>A page no notifier ever reported on (not one attempt, not given up) is also sent again: its record may be
     * lost. After a kill -9 of a standalone process, the embedded broker once lost the PagerDuty records of four
     * incidents whose Slack and Teams twins of the same transaction were delivered (session 16, bench {@code CrashSoak}:
     * a commit marker the restarted coordinator dropped, then buried under the next, aborted transaction; the embedded
     * broker now ends such transactions before any client starts). This stays as the net under any other way a page's
     * record could be lost. The copy has the same notification id and PagerDuty dedup key, so a page that was only slow
     * is folded into the one PagerDuty has.
     */
    Optional<Decision> escalate(Incident incident, Instant at) {
        Incident working = Records.copy(incident);
        List<TriggerDelivery> unheardOf = incident.getTriggers().stream().filter(t -> Receiver.paging(t.getReceiver())
                && Triggers.dueForEscalation(t, settings.pendingTimeout(), at) && Triggers.neverReported(t)).toList();
        Optional<String> message = Triggers.escalate(working, settings.pendingTimeout(), at);
        if (message.isEmpty()) {
            return Optional.empty();
        }
        LOG.warn("event=page_escalated incident={} message=\"{}\"", incident.getId(), message.get());
        List<String> failing = Triggers.pending(working).stream().map(t -> t.getReceiver()).toList();
        Decision decision = change(working, Notice.UPDATE, Optional.empty(), at);
        List<Notification> through = new ArrayList<>(decision.notifications().stream()
                .filter(n -> n.getKind() == NotificationKind.TRIGGER || !failing.contains(n.getReceiver()) && Triggers.accepted(working, n.getReceiver()))
                .toList());
        Router.Routed fallback = router.fallback(decision.incident(), at);
        Triggers.decided(fallback.incident(), fallback.notifications(), at);
        through.addAll(fallback.notifications());
        for (TriggerDelivery trigger : unheardOf) {
            if (through.stream().noneMatch(n -> n.getKind() == NotificationKind.TRIGGER && n.getReceiver().equals(trigger.getReceiver()))) {
                LOG.warn("event=page_resent incident={} receiver={} reason=\"no receipt since {}\"", incident.getId(), trigger.getReceiver(),
                        trigger.getDecidedAt());
                through.add(router.render(fallback.incident(), trigger.getReceiver(), NotificationKind.TRIGGER, Optional.empty(), at));
            }
        }
        return Optional.of(new Decision(fallback.incident(), through, true, decision.owed(), false, Optional.empty()));
    }

    /**
     * DESIGN §5: every signal resolved and the short-window burn under threshold for {@code stableFor} (the caller
     * watched that on the wall clock): RECOVERED, and a RESOLVE for the notified receivers.
     */
    Decision recovered(Incident incident, Instant at) {
        Incident working = Records.copy(incident);
        StageMachine.enter(working, Stage.RECOVERED, at, "every signal resolved and the " + Burn.SHORT_WINDOW
                + " burn under " + Burn.RECOVERY_THRESHOLD + "x for " + settings.stableFor(), Timeline.ACTOR,
                List.of(SignalTally.total(working) + " signals resolved"));
        return change(working, Notice.RESOLVE, Optional.empty(), at);
    }

    /** The postmortem of a recovered incident was published: the last stage of the runbook. */
    Decision postmortemPublished(Incident incident, Postmortem postmortem, Instant at) {
        Incident working = Records.copy(incident);
        StageMachine.enter(working, Stage.POSTMORTEM_PUBLISHED, at, "postmortem published (revision " + postmortem.getRevision() + ")",
                "postmortem", List.of("postmortem " + postmortem.getIncidentId()));
        return change(working, Notice.UPDATE, Optional.empty(), at);
    }

    /**
     * A change made to {@code working} (a copy of the incident, or a new one): enrich, stamp the version, route — or
     * release the first notifications once enrichment is in or the wait is zero.
     */
    Decision change(Incident working, Notice notice, Optional<String> runbook, Instant at) {
        if (working.getStage() == Stage.SIGNAL_DETECTED && router.waitingFor(working, at).isEmpty()) {
            StageMachine.advance(working, Stage.ALERT_FIRED, at, "paging threshold met: " + working.getFiringSignals()
                    + " signals firing", List.of());
            working.setAlertFiredAt(at);
        }
        ServiceGraph graph = context.graph(working.getCluster());
        boolean released = released(working);
        Notice effective = notice.and(enricher.enrich(working, graph, context.corootReport(working), at, released));
        working.setVersion(working.getVersion() + 1);
        working.setUpdatedAt(at);
        boolean urgent = effective == Notice.ACKNOWLEDGE || effective == Notice.RESOLVE;
        Optional<MaintenanceHold> hold = maintenance.holding(Router.labelSets(working), at);
        if (hold.isPresent()) {
            return held(working, hold.get(), effective, urgent, at);
        }
        if (working.getMaintenance() != null) {
            Optional<Decision> quiet = endMaintenance(working, released, at);
            if (quiet.isPresent()) {
                return quiet.get();
            }
            // the receivers notified before the window hear what changed during it
            effective = released ? effective.and(Notice.UPDATE) : effective;
        }
        if (released) {
            Router.Routed routed = router.route(working, effective, runbook, at);
            Incident result = routed.incident();
            Triggers.decided(result, routed.notifications(), at);
            return new Decision(result, routed.notifications(), urgent || !routed.triggered().isEmpty(), effective, false, Optional.empty());
        }
        if (settings.enrichmentWait().isZero() || enricher.complete(working)) {
            return release(working, graph, runbook, at);
        }
        return new Decision(working, List.of(), urgent, effective, false, Optional.empty());
    }

    /** The enrichment deadline passed: the first notifications go out with whatever enrichment is in. */
    Decision releaseAtDeadline(Incident incident, Instant at) {
        Incident working = Records.copy(incident);
        working.setVersion(working.getVersion() + 1);
        working.setUpdatedAt(at);
        Optional<MaintenanceHold> hold = maintenance.holding(Router.labelSets(working), at);
        if (hold.isPresent()) {
            return held(working, hold.get(), Notice.NONE, false, at);
        }
        if (working.getMaintenance() != null) {
            boolean released = released(working);
            Optional<Decision> quiet = endMaintenance(working, released, at);
            if (quiet.isPresent()) {
                return quiet.get();
            }
            if (released) {
                Router.Routed routed = router.route(working, Notice.UPDATE, Optional.empty(), at);
                Triggers.decided(routed.incident(), routed.notifications(), at);
                return new Decision(routed.incident(), routed.notifications(), true, Notice.NONE, false, Optional.empty());
            }
        }
        Decision decision = release(working, context.graph(working.getCluster()), Optional.empty(), at);
        LOG.info("event=enrichment_wait_over incident={} notifications={}", incident.getId(), decision.notifications().size());
        return decision;
    }

    /**
     * The latest state of an incident whose routine changes were held, with what its notified receivers are owed:
     * enriched and routed now, since routine signal changes were only counted ({@link #signal}).
     */
    Decision publishHeld(Incident incident, Notice owed, Instant at) {
        if (!released(incident) || incident.getMaintenance() != null) {
            return new Decision(incident, List.of(), true, Notice.NONE, false, Optional.empty());
        }
        Decision decision = change(Records.copy(incident), owed, Optional.empty(), at);
        return new Decision(decision.incident(), decision.notifications(), true, Notice.NONE, decision.released(), Optional.empty());
    }

    /**
     * The first notifications (DESIGN §5): RCA and burn stages, TRIGGERs. PAGED / WAR_ROOM_OPEN wait for the receivers'
     * acceptance ({@link #receipt}).
     */
    private Decision release(Incident working, ServiceGraph graph, Optional<String> runbook, Instant at) {
        enricher.enrich(working, graph, context.corootReport(working), at, true);
        Router.Routed routed = router.route(working, Notice.NONE, runbook, at);
        Incident result = routed.incident();
        Timeline.add(result, at, NOTIFIED, routed.triggered().isEmpty() ? "no receiver routed for " + result.getSeverity() + " (dashboard only)"
                : "notified " + String.join(", ", routed.triggered()));
        Triggers.decided(result, routed.notifications(), at);
        return new Decision(result, routed.notifications(), true, Notice.NONE, true, Optional.empty());
    }

    /**
     * A route's {@code openAfter} threshold is not met by the incident's first signal: it stays at SIGNAL_DETECTED
     * (the stage the API shows) and notifies nobody until enough signals fire ({@link #change} moves it on).
     */
    private static void awaitThreshold(Incident opened, OpenAfter threshold, Instant at) {
        opened.setStage(Stage.SIGNAL_DETECTED);
        opened.setAlertFiredAt(null);
        opened.setTimeline(opened.getTimeline().stream().filter(entry -> entry.getStage() != Stage.ALERT_FIRED).toList());
        Timeline.add(opened, at, THRESHOLD, "waiting for " + threshold.signals() + " distinct signals within " + threshold.within()
                + " before notifying (route openAfter)");
    }

    /**
     * A maintenance window is active for the incident: it changes as usual but nobody hears of it; what would have gone
     * out is listed on the incident (and so in its postmortem), and the wall-clock tick looks again when the window ends.
     */
    private Decision held(Incident working, MaintenanceHold hold, Notice effective, boolean urgent, Instant at) {
        MaintenanceHold previous = working.getMaintenance();
        if (previous == null || !previous.getId().equals(hold.getId())) {
            Timeline.add(working, at, MAINTENANCE, "notifications held by maintenance window " + hold.getName() + " until "
                    + hold.getUntil());
        }
        working.setMaintenance(hold);
        boolean recovered = working.getRecoveredAt() != null || working.getClosed();
        if (!recovered) {
            router.receiversFor(working).stream().map(Receiver::id).filter(id -> !working.getPagedReceivers().contains(id))
                    .forEach(receiver -> recordHeld(working, hold, receiver, NotificationKind.TRIGGER, at));
        }
        if (effective != Notice.NONE) {
            NotificationKind kind = NotificationKind.valueOf(effective.name());
            working.getPagedReceivers().forEach(receiver -> recordHeld(working, hold, receiver, kind, at));
        }
        return new Decision(working, List.of(), urgent, Notice.NONE, false, Optional.empty());
    }

    private static void recordHeld(Incident working, MaintenanceHold hold, String receiver, NotificationKind kind, Instant at) {
        List<HeldNotification> held = working.getHeldNotifications();
        boolean known = held.stream().anyMatch(h -> h.getReceiver().equals(receiver) && h.getKind().equals(kind.name())
                && h.getWindowId().equals(hold.getId()));
        if (!known && held.size() < MAX_HELD) {
            List<HeldNotification> more = new ArrayList<>(held);
            more.add(new HeldNotification(at, receiver, kind.name(), hold.getId(), hold.getName()));
            working.setHeldNotifications(more);
        }
    }

    /**
     * No window holds the incident any more: the timeline says so, and when nothing is firing any more nobody is told
     * (the decision returned); otherwise empty, and the caller routes the incident as usual.
     */
    private Optional<Decision> endMaintenance(Incident working, boolean released, Instant at) {
        MaintenanceHold ended = working.getMaintenance();
        working.setMaintenance(null);
        boolean firing = working.getFiringSignals() > 0;
        Timeline.add(working, at, MAINTENANCE, "maintenance window " + ended.getName() + " ended: "
                + (firing ? working.getFiringSignals() + " signals still firing are routed now" : "every signal resolved, nobody notified"));
        if (firing || released) {
            return Optional.empty();
        }
        Timeline.add(working, at, NOTIFIED, "nobody notified: every signal resolved during maintenance window " + ended.getName());
        return Optional.of(new Decision(working, List.of(), true, Notice.NONE, true, Optional.empty()));
    }
}
