package io.firebreak.streams.lifecycle;

import io.firebreak.core.channel.Receiver;
import io.firebreak.events.DeliveryReceipt;
import io.firebreak.events.Incident;
import io.firebreak.events.Notification;
import io.firebreak.events.NotificationKind;
import io.firebreak.events.Stage;
import io.firebreak.events.TriggerDelivery;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Truthful paging (issue 17): where each notified receiver's first notification stands. Routing decides a TRIGGER
 * ({@link #decided}); the notifier's receipts on {@code firebreak.deliveries.v1} come back ({@link #received}) and
 * say whether the receiver is still refusing (pending, with attempts, last error and next attempt), accepted it (only
 * then PAGED / WAR_ROOM_OPEN), or was given up on. A page not accepted within {@code paging.pendingTimeout} is
 * {@link #escalate escalated}. Every step is idempotent by the receiver's state, so a receipt read twice (a notifier
 * re-delivering after a crash) changes nothing the second time.
 */
public final class Triggers {

    /** Timeline kind of the decided / attempted / gave-up entries; acceptance is the stage transition itself. */
    public static final String DELIVERY = "delivery";
    /** Timeline kind of the escalation of a page nobody accepted. */
    public static final String ESCALATION = "escalation";
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private Triggers() {
    }

    /** What a receipt did to the incident. */
    public enum Effect {
        /** A repeat, a stale report or a receipt for no known trigger: nothing changes. */
        NONE,
        /** Still not accepted: attempts, last error and next attempt updated. */
        PENDING,
        /** The receiver accepted: its stage entered (a page, a war room), or it recovered after failed attempts. */
        ACCEPTED,
        /** A post accepted at the first attempt: recorded, news to nobody. */
        RECORDED,
        /** The notifier gave up (dead letter): escalated at once. */
        GAVE_UP
    }

    /** Routing sent these TRIGGERs: each receiver's delivery is pending, and a page or war room is a timeline entry. */
    public static void decided(Incident incident, List<Notification> notifications, Instant at) {
        List<TriggerDelivery> triggers = new ArrayList<>(incident.getTriggers());
        for (Notification n : notifications) {
            if (n.getKind() != NotificationKind.TRIGGER || find(triggers, n.getReceiver()).isPresent()) {
                continue;
            }
            triggers.add(TriggerDelivery.newBuilder().setReceiver(n.getReceiver()).setChannel(n.getChannel())
                    .setNotificationId(n.getId()).setDecidedAt(at).build());
            Receiver receiver = Receiver.named(n.getReceiver()).orElseThrow();
            if (receiver.pages()) {
                Timeline.add(incident, at, DELIVERY, "page decided: " + n.getReceiver() + " at " + incident.getSeverity()
                        + ", not paged until it accepts");
            } else if (receiver.opensWarRoom()) {
                Timeline.add(incident, at, DELIVERY, "war room decided: " + n.getReceiver() + ", not open until it accepts");
            }
        }
        incident.setTriggers(triggers);
    }

    /** Applies a delivery receipt to {@code incident} (a working copy). */
    public static Effect received(Incident incident, DeliveryReceipt receipt) {
        if (receipt.getKind() != NotificationKind.TRIGGER) {
            return Effect.NONE;
        }
        List<TriggerDelivery> triggers = new ArrayList<>(incident.getTriggers());
        Optional<TriggerDelivery> known = find(triggers, receipt.getReceiver());
        if (known.isEmpty() || known.get().getAcceptedAt() != null) {
            return Effect.NONE;
        }
        TriggerDelivery trigger = TriggerDelivery.newBuilder(known.get()).build();
        Instant at = receipt.getAt();
        Effect effect = switch (receipt.getOutcome()) {
            case "delivered", "logged", "posted" -> accept(incident, trigger, receipt, at);
            case "retrying" -> retrying(incident, trigger, receipt, at);
            case "dead_lettered" -> gaveUp(incident, trigger, receipt, at);
            default -> Effect.NONE;
        };
        if (effect != Effect.NONE) {
            triggers.set(triggers.indexOf(known.get()), trigger);
            incident.setTriggers(triggers);
        }
        return effect;
    }

    /**
     * Marks the pending triggers due for escalation (not accepted within {@code timeout} of the decision, or given
     * up on) as escalated, with one timeline entry naming the incident and the failing receivers. Returns the entry's
     * text, empty when nothing is due.
     */
    public static Optional<String> escalate(Incident incident, Duration timeout, Instant now) {
        List<TriggerDelivery> triggers = new ArrayList<>(incident.getTriggers());
        List<String> failing = new ArrayList<>();
        for (int i = 0; i < triggers.size(); i++) {
            TriggerDelivery trigger = triggers.get(i);
            if (dueForEscalation(trigger, timeout, now)) {
                failing.add(describe(incident, trigger));
                triggers.set(i, TriggerDelivery.newBuilder(trigger).setEscalatedAt(now).build());
            }
        }
        if (failing.isEmpty()) {
            return Optional.empty();
        }
        incident.setTriggers(triggers);
        String message = String.join("; ", failing);
        Timeline.add(incident, now, ESCALATION, message);
        return Optional.of(message);
    }

    /** Not accepted, not escalated yet, and past the timeout or given up on. */
    public static boolean dueForEscalation(TriggerDelivery trigger, Duration timeout, Instant now) {
        return trigger.getAcceptedAt() == null && trigger.getEscalatedAt() == null
                && (trigger.getGaveUpAt() != null || !trigger.getDecidedAt().plus(timeout).isAfter(now));
    }

    /** No receipt of the trigger ever came back: not accepted, not one attempt reported, not given up on. */
    public static boolean neverReported(TriggerDelivery trigger) {
        return trigger.getAcceptedAt() == null && trigger.getAttempts() == 0 && trigger.getLastStatus() == null
                && trigger.getFailingSince() == null && trigger.getGaveUpAt() == null;
    }

    /** Triggers still waiting for their receiver's acceptance. */
    public static List<TriggerDelivery> pending(Incident incident) {
        return incident.getTriggers().stream().filter(t -> t.getAcceptedAt() == null).toList();
    }

    /** Whether the receiver's first notification was accepted (so later messages through it reach people). */
    public static boolean accepted(Incident incident, String receiver) {
        return find(incident.getTriggers(), receiver).map(t -> t.getAcceptedAt() != null)
                // incidents routed before triggers were tracked: their receivers were taken as notified
                .orElse(incident.getPagedReceivers().contains(receiver));
    }

    /** "PagerDuty unreachable since 09:12:03 — incident oci-fra-1.20261201.0042 is NOT paged (3 failed attempts, last: HTTP 503)". */
    static String describe(Incident incident, TriggerDelivery trigger) {
        Receiver receiver = Receiver.named(trigger.getReceiver()).orElseThrow();
        String name = receiver == Receiver.PAGERDUTY ? "PagerDuty" : trigger.getReceiver();
        Instant since = trigger.getFailingSince() != null ? trigger.getFailingSince() : trigger.getDecidedAt();
        String state = trigger.getGaveUpAt() != null ? " gave up at " + CLOCK.format(trigger.getGaveUpAt())
                : trigger.getAttempts() > 0 ? " unreachable since " + CLOCK.format(since) : " has not accepted since " + CLOCK.format(since);
        String consequence = receiver.pages() ? "is NOT paged" : receiver.opensWarRoom() ? "has NO war room"
                : "is not posted to " + trigger.getReceiver();
        String detail = trigger.getAttempts() == 0 ? "" : " (" + trigger.getAttempts() + " failed attempt" + (trigger.getAttempts() == 1 ? "" : "s")
                + (trigger.getLastError() == null ? "" : ", last: " + trigger.getLastError()) + ")";
        return name + state + " — incident " + incident.getId() + " " + consequence + detail;
    }

    private static Effect accept(Incident incident, TriggerDelivery trigger, DeliveryReceipt receipt, Instant at) {
        trigger.setAcceptedAt(at);
        trigger.setAttempts(Math.max(trigger.getAttempts(), receipt.getAttempts() - 1)); // the receipt counts the accepted one too
        trigger.setRef(receipt.getRef());
        trigger.setNextAttemptAt(null);
        Receiver receiver = Receiver.named(trigger.getReceiver()).orElseThrow();
        String after = trigger.getAttempts() == 0 ? "" : " after " + trigger.getAttempts() + " failed attempt" + (trigger.getAttempts() == 1 ? "" : "s");
        List<String> evidence = receipt.getRef() == null ? List.of() : List.of("ref " + receipt.getRef());
        if (receiver.pages()) {
            StageMachine.advance(incident, Stage.PAGED, at, "paged via " + trigger.getReceiver() + " at " + incident.getSeverity()
                    + ": accepted" + after, evidence);
        } else if (receiver.opensWarRoom()) {
            StageMachine.advance(incident, Stage.WAR_ROOM_OPEN, at, "war room opened via " + trigger.getReceiver() + ": accepted" + after, evidence);
        } else if (trigger.getAttempts() > 0) {
            Timeline.add(incident, at, DELIVERY, trigger.getReceiver() + " accepted" + after);
        } else {
            return Effect.RECORDED;
        }
        return Effect.ACCEPTED;
    }

    private static Effect retrying(Incident incident, TriggerDelivery trigger, DeliveryReceipt receipt, Instant at) {
        if (receipt.getAttempts() <= trigger.getAttempts()) {
            return Effect.NONE; // a repeat, or an older report overtaken by a newer one
        }
        boolean first = trigger.getAttempts() == 0;
        trigger.setAttempts(receipt.getAttempts());
        trigger.setLastError(receipt.getError());
        trigger.setLastStatus(receipt.getHttpStatus());
        trigger.setNextAttemptAt(receipt.getNextAttemptAt());
        if (trigger.getFailingSince() == null) {
            trigger.setFailingSince(at);
        }
        if (first) {
            Timeline.add(incident, at, DELIVERY, trigger.getReceiver() + " did not accept the " + what(trigger) + ": " + receipt.getError()
                    + (receipt.getNextAttemptAt() == null ? "" : "; retrying, next attempt " + CLOCK.format(receipt.getNextAttemptAt())));
        }
        return Effect.PENDING;
    }

    private static Effect gaveUp(Incident incident, TriggerDelivery trigger, DeliveryReceipt receipt, Instant at) {
        if (trigger.getGaveUpAt() != null) {
            return Effect.NONE;
        }
        trigger.setGaveUpAt(at);
        trigger.setAttempts(Math.max(trigger.getAttempts(), receipt.getAttempts()));
        trigger.setLastError(receipt.getError());
        trigger.setLastStatus(receipt.getHttpStatus());
        trigger.setNextAttemptAt(null);
        Timeline.add(incident, at, DELIVERY, trigger.getReceiver() + " gave up on the " + what(trigger) + " after " + trigger.getAttempts()
                + " attempts: " + receipt.getError());
        return Effect.GAVE_UP;
    }

    private static String what(TriggerDelivery trigger) {
        return Receiver.named(trigger.getReceiver()).map(r -> r.pages() ? "page" : r.opensWarRoom() ? "war room" : "notification")
                .orElse("notification").toLowerCase(Locale.ROOT);
    }

    private static Optional<TriggerDelivery> find(List<TriggerDelivery> triggers, String receiver) {
        return triggers.stream().filter(t -> t.getReceiver().equals(receiver)).findFirst();
    }
}
