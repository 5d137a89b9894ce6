package io.firebreak.core.incident;

import static io.firebreak.core.incident.Stage.ALERT_FIRED;
import static io.firebreak.core.incident.Stage.MITIGATED;
import static io.firebreak.core.incident.Stage.PAGED;
import static io.firebreak.core.incident.Stage.POSTMORTEM_PUBLISHED;
import static io.firebreak.core.incident.Stage.RCA_GENERATED;
import static io.firebreak.core.incident.Stage.RECOVERED;
import static io.firebreak.core.incident.Stage.SIGNAL_DETECTED;
import static io.firebreak.core.incident.Stage.SLO_BURN_ANALYZED;
import static io.firebreak.core.incident.Stage.WAR_ROOM_OPEN;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class StageTest {

    @Test
    void aDetectedSignalCanOnlyFireAnAlert() {
        assertThat(EnumSet.allOf(Stage.class)).filteredOn(SIGNAL_DETECTED::mayMoveTo).containsExactly(ALERT_FIRED);
    }

    @Test
    void anOpenIncidentMayEnrichPageMitigateOrRecoverInAnyOrder() {
        for (Stage from : List.of(ALERT_FIRED, RCA_GENERATED, SLO_BURN_ANALYZED, PAGED, WAR_ROOM_OPEN, MITIGATED)) {
            assertThat(EnumSet.allOf(Stage.class)).as("from " + from).filteredOn(from::mayMoveTo)
                    .containsAll(EnumSet.complementOf(EnumSet.of(SIGNAL_DETECTED, ALERT_FIRED, from, POSTMORTEM_PUBLISHED)))
                    .doesNotContain(SIGNAL_DETECTED, ALERT_FIRED, from, POSTMORTEM_PUBLISHED);
        }
    }

    @Test
    void aRecoveredIncidentOnlyTakesLateEnrichmentOrItsPostmortem() {
        assertThat(EnumSet.allOf(Stage.class)).filteredOn(RECOVERED::mayMoveTo)
                .containsExactly(RCA_GENERATED, SLO_BURN_ANALYZED, POSTMORTEM_PUBLISHED);
    }

    @Test
    void aPublishedPostmortemEndsTheRunbook() {
        assertThat(EnumSet.allOf(Stage.class)).filteredOn(POSTMORTEM_PUBLISHED::mayMoveTo).isEmpty();
    }

    @Test
    void anIncidentIsOverFromRecovery() {
        assertThat(EnumSet.allOf(Stage.class)).filteredOn(Stage::isOver).containsExactly(RECOVERED, POSTMORTEM_PUBLISHED);
    }

    @Test
    void aReopenUndoesMitigationAndRecoveryOnly() {
        assertThat(EnumSet.allOf(Stage.class)).filteredOn(Stage::isUndoneByReopen).containsExactly(MITIGATED, RECOVERED, POSTMORTEM_PUBLISHED);
    }

    @Test
    void aReopenedIncidentGoesBackToTheFurthestStageBeforeMitigation() {
        assertThat(Stage.reopenedAt(List.of(ALERT_FIRED, PAGED, RCA_GENERATED, MITIGATED, RECOVERED))).isEqualTo(PAGED);
        assertThat(Stage.reopenedAt(List.of(ALERT_FIRED, WAR_ROOM_OPEN, MITIGATED))).isEqualTo(WAR_ROOM_OPEN);
    }

    @Test
    void aReopenedIncidentStandsAtLeastAtAlertFired() {
        assertThat(Stage.reopenedAt(List.of(SIGNAL_DETECTED, RECOVERED))).isEqualTo(ALERT_FIRED);
        assertThat(Stage.reopenedAt(List.of())).isEqualTo(ALERT_FIRED);
    }
}
