package io.firebreak.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.core.command.CommandKind;
import io.firebreak.core.command.IncidentFacts;
import io.firebreak.events.ActionItem;
import io.firebreak.events.Incident;
import io.firebreak.events.LifecycleAction;
import io.firebreak.events.LifecycleCommand;
import io.firebreak.events.Severity;
import io.firebreak.events.Stage;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoreTypesTest {

    private static final Instant T0 = Instant.parse("2026-11-28T09:13:00Z");

    static {
        TrustedPackages.trustEvents();
    }

    @Test
    void stagesAndSeveritiesHaveTheSameNamesInTheSameOrderOnBothSides() {
        assertThat(names(io.firebreak.core.incident.Stage.values())).isEqualTo(names(Stage.values()));
        assertThat(names(io.firebreak.core.incident.Severity.values())).isEqualTo(names(Severity.values()));
        assertThat(names(CommandKind.values())).isEqualTo(names(LifecycleAction.values()));
    }

    @Test
    void everyValueTranslatesThereAndBack() {
        for (Stage stage : Stage.values()) {
            assertThat(CoreTypes.stage(CoreTypes.stage(stage))).isEqualTo(stage);
        }
        for (Severity severity : Severity.values()) {
            assertThat(CoreTypes.severity(CoreTypes.severity(severity))).isEqualTo(severity);
        }
        for (LifecycleAction action : LifecycleAction.values()) {
            assertThat(CoreTypes.action(CoreTypes.kind(action))).isEqualTo(action);
        }
    }

    @Test
    void anIncidentGivesTheRulesItsStageTimesAndActionItems() {
        Incident incident = Incident.newBuilder().setId("oci-fra-1.20261128.0001").setCluster("oci-fra-1").setStage(Stage.MITIGATED)
                .setOpenedAt(T0).setUpdatedAt(T0).setAcknowledgedAt(T0).setMitigatedAt(T0.plusSeconds(60))
                .setActionItems(List.of(ActionItem.newBuilder().setId("a").setDescription("d").setStatus("open").build()))
                .build();

        IncidentFacts facts = CoreTypes.facts(incident);

        assertThat(facts.stage()).isEqualTo(io.firebreak.core.incident.Stage.MITIGATED);
        assertThat(facts.closed()).isFalse();
        assertThat(facts.acknowledgedAt()).hasValue(T0);
        assertThat(facts.mitigatedAt()).hasValue(T0.plusSeconds(60));
        assertThat(facts.resolvedAt()).isEmpty();
        assertThat(facts.actionItems()).isEqualTo(1);
    }

    @Test
    void aCommandGivesTheRulesItsKindAndWhetherItCarriesText() {
        LifecycleCommand note = LifecycleCommand.newBuilder().setId("c").setIncidentId("oci-fra-1.20261128.0001").setCluster("oci-fra-1")
                .setAction(LifecycleAction.NOTE).setNote("  ").setAt(T0).build();

        assertThat(CoreTypes.command(note).kind()).isEqualTo(CommandKind.NOTE);
        assertThat(CoreTypes.command(note).hasNote()).isFalse();
        note.setNote("checked pg");
        assertThat(CoreTypes.command(note).hasNote()).isTrue();
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }
}
