package io.firebreak.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CommandKindTest {

    @Test
    void kindsAreNamedTheWayPeopleWriteThem() {
        assertThat(CommandKind.CONFIRM_RECOVERY.label()).isEqualTo("confirm-recovery");
        assertThat(CommandKind.ACTION_ITEM.label()).isEqualTo("action-item");
        assertThat(CommandKind.ACK.label()).isEqualTo("ack");
    }

    @Test
    void everyKindAPersonCanAskForIsReadBackFromItsLabel() {
        for (CommandKind kind : CommandKind.values()) {
            if (kind != CommandKind.UNKNOWN) {
                assertThat(CommandKind.fromLabel(kind.label())).hasValue(kind);
                assertThat(CommandKind.expected()).contains(kind.label());
            }
        }
    }

    @Test
    void labelsAreReadInAnyCaseWithUnderscoresAndAcknowledgeMeansAck() {
        assertThat(Stream.of(" Confirm_Recovery ", "CONFIRM-RECOVERY", "confirm_recovery").map(CommandKind::fromLabel))
                .containsOnly(Optional.of(CommandKind.CONFIRM_RECOVERY));
        assertThat(CommandKind.fromLabel("acknowledge")).hasValue(CommandKind.ACK);
    }

    @Test
    void unknownNamesAreNoKind() {
        assertThat(Stream.of("reboot", "unknown", " ", null).map(CommandKind::fromLabel)).containsOnly(Optional.empty());
    }
}
