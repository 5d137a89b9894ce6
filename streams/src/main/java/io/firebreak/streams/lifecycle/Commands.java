package io.firebreak.streams.lifecycle;

import io.firebreak.core.command.CommandRules;
import io.firebreak.events.ActionItem;
import io.firebreak.events.Incident;
import io.firebreak.events.LifecycleAction;
import io.firebreak.events.LifecycleCommand;
import io.firebreak.events.Mitigation;
import io.firebreak.events.SignalRef;
import io.firebreak.events.SignalStatus;
import io.firebreak.events.Stage;
import io.firebreak.schemas.CoreTypes;
import io.firebreak.schemas.IncidentLimits;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A person's or automation's command on an incident (DESIGN §5), checked by the core's {@link CommandRules}. A
 * command that does not fit is rejected with the rules' reason, recorded in the timeline (kind {@code rejected}) and
 * never throws. Commands are idempotent by command id: the id is kept as evidence, a repeat changes nothing.
 */
public final class Commands {

    /** What a command did: applied (with the notice for receivers), rejected (with reason), or a duplicate. */
    public record Result(Outcome outcome, Notice notice, String reason) {
        public static Result applied(Notice notice) {
            return new Result(Outcome.APPLIED, notice, "");
        }

        public static Result rejected(String reason) {
            return new Result(Outcome.REJECTED, Notice.NONE, reason);
        }
    }

    public enum Outcome { APPLIED, REJECTED, DUPLICATE }

    private Commands() {
    }

    /** Applies the command to the working copy of the incident (mutated) and says what receivers hear. */
    public static Result apply(Incident incident, LifecycleCommand command, Instant at) {
        String marker = evidence(command);
        if (incident.getRecentCommands().contains(command.getId()) || Timeline.hasEvidence(incident, marker)) {
            return new Result(Outcome.DUPLICATE, Notice.NONE, "command " + command.getId() + " already applied");
        }
        remember(incident, command.getId());
        String actor = command.getActor();
        List<String> evidence = new ArrayList<>(List.of(marker, "origin " + command.getOrigin()));
        if (!blank(command.getNote()) && command.getAction() != LifecycleAction.NOTE) {
            evidence.add("note: " + command.getNote()); // a note's text is the entry's cause already
        }
        Optional<String> rejected = CommandRules.rejection(CoreTypes.command(command), CoreTypes.facts(incident));
        if (rejected.isPresent()) {
            Timeline.add(incident, at, "rejected", name(command) + " rejected: " + rejected.get(), actor, evidence);
            return Result.rejected(rejected.get());
        }
        switch (command.getAction()) {
            case ACK -> {
                incident.setAcknowledgedAt(at);
                Timeline.add(incident, at, "ack", "acknowledged by " + actor, actor, evidence);
                return Result.applied(Notice.ACKNOWLEDGE);
            }
            case MITIGATE -> {
                StageMachine.enter(incident, Stage.MITIGATED, at, "mitigated by " + actor + note(command), actor, evidence);
                List<Mitigation> mitigations = new ArrayList<>(incident.getMitigations());
                mitigations.add(Mitigation.newBuilder().setKind("action").setAt(at).setActor(actor).build());
                incident.setMitigations(mitigations);
                return Result.applied(Notice.UPDATE);
            }
            case CONFIRM_RECOVERY -> {
                List<String> firing = firing(incident);
                if (!firing.isEmpty()) {
                    evidence.add("still firing when confirmed: " + String.join(", ", firing));
                }
                StageMachine.enter(incident, Stage.RECOVERED, at, "recovery confirmed by " + actor + note(command), actor, evidence);
                return Result.applied(Notice.RESOLVE);
            }
            case RESOLVE -> {
                if (!StageMachine.reached(incident, Stage.RECOVERED)) {
                    StageMachine.enter(incident, Stage.RECOVERED, at, "resolved by " + actor + note(command), actor, evidence);
                } else {
                    Timeline.add(incident, at, "resolve", "resolved by " + actor + note(command), actor, evidence);
                }
                incident.setResolvedAt(at);
                incident.setClosed(true);
                return Result.applied(Notice.RESOLVE);
            }
            case NOTE -> {
                Timeline.add(incident, at, "note", command.getNote(), actor, evidence);
                return Result.applied(Notice.NONE);
            }
            case ACTION_ITEM -> {
                List<ActionItem> items = new ArrayList<>(incident.getActionItems());
                items.add(ActionItem.newBuilder().setId(command.getId()).setDescription(IncidentLimits.clip(command.getNote(), IncidentLimits.ACTION_ITEM_BYTES))
                        .setOwner(command.getOwner()).setDue(command.getDue()).setStatus("open").build());
                incident.setActionItems(items);
                Timeline.add(incident, at, "action-item", "action item: " + command.getNote()
                        + (command.getOwner() == null ? "" : " (owner " + command.getOwner() + ")"), actor, evidence);
                return Result.applied(Notice.NONE);
            }
            default -> throw new IllegalStateException("unreachable: " + command.getAction());
        }
    }

    /** Keeps the command id among the incident's last {@link IncidentLimits#RECENT_COMMANDS}: a repeat is a duplicate. */
    private static void remember(Incident incident, String commandId) {
        List<String> recent = new ArrayList<>(incident.getRecentCommands());
        recent.add(commandId);
        if (recent.size() > IncidentLimits.RECENT_COMMANDS) {
            recent.subList(0, recent.size() - IncidentLimits.RECENT_COMMANDS).clear();
        }
        incident.setRecentCommands(recent);
    }

    public static String evidence(LifecycleCommand command) {
        return "command " + command.getId();
    }

    /** The firing signals of the incident's sample, and how many more fire beyond it. */
    private static List<String> firing(Incident incident) {
        List<String> firing = new ArrayList<>();
        for (SignalRef signal : incident.getSignals()) {
            if (signal.getStatus() == SignalStatus.FIRING) {
                firing.add((signal.getAlertName() == null ? signal.getFingerprint() : signal.getAlertName()) + "@" + signal.getService());
            }
        }
        int more = incident.getFiringSignals() - firing.size();
        if (more > 0) {
            firing.add(String.format("%,d more", more));
        }
        return firing;
    }

    private static String name(LifecycleCommand command) {
        return CoreTypes.kind(command.getAction()).label();
    }

    private static String note(LifecycleCommand command) {
        return blank(command.getNote()) ? "" : ": " + command.getNote();
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
