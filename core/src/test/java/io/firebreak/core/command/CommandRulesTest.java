package io.firebreak.core.command;

import static io.firebreak.core.command.CommandKind.ACK;
import static io.firebreak.core.command.CommandKind.ACTION_ITEM;
import static io.firebreak.core.command.CommandKind.CONFIRM_RECOVERY;
import static io.firebreak.core.command.CommandKind.MITIGATE;
import static io.firebreak.core.command.CommandKind.NOTE;
import static io.firebreak.core.command.CommandKind.RESOLVE;
import static io.firebreak.core.command.CommandKind.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.core.incident.Stage;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandRulesTest {

    private static final Instant T0 = Instant.parse("2026-11-28T09:13:00Z");
    private static final IncidentFacts PAGED = open(Stage.PAGED);

    @Test
    void everyKnownCommandFitsAPagedIncident() {
        for (CommandKind kind : EnumSet.complementOf(EnumSet.of(UNKNOWN))) {
            assertThat(rejection(kind, PAGED)).as(kind.label()).isEmpty();
        }
    }

    @Test
    void anUnknownActionNeverFitsAndSaysWhatIsExpected() {
        assertThat(rejection(UNKNOWN, PAGED))
                .hasValue("unknown action UNKNOWN; expected ack, mitigate, confirm-recovery, resolve, note or action-item");
    }

    @Test
    void aNoteNeedsText() {
        assertThat(CommandRules.rejection(CommandFacts.of(NOTE, " "), PAGED)).hasValue("a note needs text");
        assertThat(CommandRules.rejection(CommandFacts.of(NOTE, null), PAGED)).hasValue("a note needs text");
        assertThat(CommandRules.incomplete(CommandFacts.of(NOTE, null))).hasValue("a note needs text");
    }

    @Test
    void anActionItemNeedsADescription() {
        assertThat(CommandRules.rejection(CommandFacts.of(ACTION_ITEM, ""), PAGED)).hasValue("an action item needs a description (note)");
        assertThat(CommandRules.incomplete(CommandFacts.of(ACTION_ITEM, null))).hasValue("an action item needs a description (note)");
    }

    @Test
    void stateCommandsNeedNoText() {
        for (CommandKind kind : EnumSet.of(ACK, MITIGATE, CONFIRM_RECOVERY, RESOLVE)) {
            assertThat(CommandRules.incomplete(CommandFacts.of(kind, null))).as(kind.label()).isEmpty();
        }
    }

    @Test
    void ackingTwiceIsRejectedWithTheFirstAcknowledgement() {
        IncidentFacts acked = new IncidentFacts(Stage.PAGED, false, Optional.of(T0), Optional.empty(), Optional.empty(), 0);
        assertThat(rejection(ACK, acked)).hasValue("already acknowledged at 2026-11-28T09:13:00Z");
    }

    @Test
    void thereIsNothingToAcknowledgeOnceRecoveredOrClosed() {
        assertThat(rejection(ACK, open(Stage.RECOVERED))).hasValue("incident is RECOVERED, nothing to acknowledge");
        assertThat(rejection(ACK, closed(Stage.RECOVERED))).hasValue("incident is RECOVERED (closed), nothing to acknowledge");
    }

    @Test
    void mitigatingTwiceIsRejectedWithTheFirstMitigation() {
        IncidentFacts mitigated = new IncidentFacts(Stage.MITIGATED, false, Optional.empty(), Optional.of(T0), Optional.empty(), 0);
        assertThat(rejection(MITIGATE, mitigated)).hasValue("already mitigated at 2026-11-28T09:13:00Z");
    }

    @Test
    void anIncidentInTheMitigatedStageIsMitigatedEvenWithoutItsTime() {
        assertThat(rejection(MITIGATE, open(Stage.MITIGATED))).hasValue("already mitigated");
    }

    @Test
    void mitigatingARecoveredOrClosedIncidentIsTooLate() {
        assertThat(rejection(MITIGATE, open(Stage.WAR_ROOM_OPEN))).isEmpty();
        assertThat(rejection(MITIGATE, open(Stage.RECOVERED))).hasValue("incident is already RECOVERED, too late to mitigate");
        assertThat(rejection(MITIGATE, closed(Stage.PAGED))).hasValue("incident is already PAGED, too late to mitigate");
    }

    @Test
    void recoveryIsConfirmedOnceOnly() {
        assertThat(rejection(CONFIRM_RECOVERY, open(Stage.MITIGATED))).isEmpty();
        assertThat(rejection(CONFIRM_RECOVERY, open(Stage.RECOVERED))).hasValue("incident is already RECOVERED");
        assertThat(rejection(CONFIRM_RECOVERY, closed(Stage.PAGED))).hasValue("incident is already PAGED");
    }

    @Test
    void aRecoveredIncidentCanStillBeResolved() {
        assertThat(rejection(RESOLVE, open(Stage.RECOVERED))).isEmpty();
    }

    @Test
    void resolvingAResolvedClosedOrPublishedIncidentIsRejected() {
        IncidentFacts resolved = new IncidentFacts(Stage.RECOVERED, false, Optional.empty(), Optional.empty(), Optional.of(T0), 0);
        assertThat(rejection(RESOLVE, resolved)).hasValue("incident is already resolved/closed (RECOVERED)");
        assertThat(rejection(RESOLVE, closed(Stage.RECOVERED))).hasValue("incident is already resolved/closed (RECOVERED)");
        assertThat(rejection(RESOLVE, open(Stage.POSTMORTEM_PUBLISHED))).hasValue("incident is already resolved/closed (POSTMORTEM_PUBLISHED)");
    }

    @Test
    void notesAndActionItemsStayWelcomeAfterTheEnd() {
        IncidentFacts published = closed(Stage.POSTMORTEM_PUBLISHED);
        assertThat(rejection(NOTE, published)).isEmpty();
        assertThat(rejection(ACTION_ITEM, published)).isEmpty();
    }

    @Test
    void anIncidentKeepsAtMostThirtyActionItems() {
        IncidentFacts almostFull = new IncidentFacts(Stage.PAGED, false, Optional.empty(), Optional.empty(), Optional.empty(), 29);
        IncidentFacts full = new IncidentFacts(Stage.PAGED, false, Optional.empty(), Optional.empty(), Optional.empty(), 30);

        assertThat(rejection(ACTION_ITEM, almostFull)).isEmpty();
        assertThat(rejection(ACTION_ITEM, full)).hasValue("the incident already has 30 action items, the most it keeps");
        assertThat(rejection(NOTE, full)).isEmpty();
    }

    @Test
    void aCommandWithoutItsTextIsRejectedForThatBeforeTheState() {
        IncidentFacts full = new IncidentFacts(Stage.PAGED, false, Optional.empty(), Optional.empty(), Optional.empty(), 30);
        assertThat(CommandRules.rejection(CommandFacts.of(ACTION_ITEM, null), full)).hasValue("an action item needs a description (note)");
    }

    @Test
    void anIncidentIsActiveUntilRecoveredOrClosed() {
        assertThat(open(Stage.MITIGATED).active()).isTrue();
        assertThat(open(Stage.RECOVERED).active()).isFalse();
        assertThat(closed(Stage.PAGED).active()).isFalse();
    }

    private static Optional<String> rejection(CommandKind kind, IncidentFacts incident) {
        return CommandRules.rejection(CommandFacts.of(kind, "text"), incident);
    }

    private static IncidentFacts open(Stage stage) {
        return new IncidentFacts(stage, false, Optional.empty(), Optional.empty(), Optional.empty(), 0);
    }

    private static IncidentFacts closed(Stage stage) {
        return new IncidentFacts(stage, true, Optional.empty(), Optional.empty(), Optional.empty(), 0);
    }
}
