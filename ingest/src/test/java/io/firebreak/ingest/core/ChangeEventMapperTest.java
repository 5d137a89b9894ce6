package io.firebreak.ingest.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firebreak.events.ChangeEvent;
import io.firebreak.events.ChangeKind;
import io.firebreak.ingest.api.ChangeRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChangeEventMapperTest {

    private static final Instant NOW = Instant.parse("2026-11-28T09:13:00Z");
    private final ChangeEventMapper mapper = new ChangeEventMapper(new Arrival("default-cluster", Clock.fixed(NOW, ZoneOffset.UTC)));

    @Test
    void deploymentBecomesChangeEvent() {
        ChangeEvent change = mapper.map(new ChangeRequest(null, "trade-engine", "oci-fra-1", "deployment", "v2.14.1", "v2.14.0",
                "jane", "https://ci.example/run/42", "rollout", "argo", "2026-11-28T10:05:00.123456+01:00"));

        assertThat(change.getService()).isEqualTo("trade-engine");
        assertThat(change.getCluster()).isEqualTo("oci-fra-1");
        assertThat(change.getKind()).isEqualTo(ChangeKind.DEPLOYMENT);
        assertThat(change.getVersion()).isEqualTo("v2.14.1");
        assertThat(change.getPreviousVersion()).isEqualTo("v2.14.0");
        assertThat(change.getAuthor()).isEqualTo("jane");
        assertThat(change.getUrl()).isEqualTo("https://ci.example/run/42");
        assertThat(change.getSource()).isEqualTo("argo");
        assertThat(change.getAt()).isEqualTo(Instant.parse("2026-11-28T09:05:00.123Z"));
        assertThat(change.getReceivedAt()).isEqualTo(NOW);
    }

    @Test
    void minimalChangeGetsDefaults() {
        ChangeEvent change = mapper.map(new ChangeRequest(null, "risk-service", null, null, null, null, null, null, null, null, null));

        assertThat(change.getCluster()).isEqualTo("default-cluster");
        assertThat(change.getKind()).isEqualTo(ChangeKind.OTHER);
        assertThat(change.getSource()).isEqualTo("api");
        assertThat(change.getAt()).isEqualTo(NOW);
    }

    @Test
    void resentChangeKeepsItsIdAndCallerIdWins() {
        ChangeRequest request = new ChangeRequest(null, "svc", "c", "config", "7", null, null, null, null, null, "2026-11-28T09:00:00Z");
        ChangeEventMapper later = new ChangeEventMapper(new Arrival("default-cluster", Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC)));

        assertThat(later.map(request).getId()).isEqualTo(mapper.map(request).getId());
        assertThat(mapper.map(new ChangeRequest("abc-1", "svc", null, null, null, null, null, null, null, null, null)).getId()).isEqualTo("abc-1");
    }

    @Test
    void aResentChangeWithoutIdOrTimeKeepsItsIdAndADifferentChangeGetsAnother() {
        ChangeRequest request = new ChangeRequest(null, "svc", "c", "config", null, null, "jane", null, "pool size 20 -> 40", null, null);
        ChangeEventMapper later = new ChangeEventMapper(new Arrival("default-cluster", Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC)));

        assertThat(later.map(request).getId()).isEqualTo(mapper.map(request).getId());
        assertThat(later.map(request).getAt()).isEqualTo(NOW.plusSeconds(60));
        ChangeRequest another = new ChangeRequest(null, "svc", "c", "config", null, null, "jane", null, "pool size 40 -> 20", null, null);
        assertThat(mapper.map(another).getId()).isNotEqualTo(mapper.map(request).getId());
    }

    @Test
    void aClusterNamedWithUnsafeCharactersIsKeyedSafely() {
        ChangeRequest request = new ChangeRequest(null, "svc", " prod eu/1 ", null, null, null, null, null, null, null, null);

        assertThat(mapper.map(request).getCluster()).isEqualTo("prod-eu-1");
    }

    @ParameterizedTest
    @CsvSource({"deployment,DEPLOYMENT", "Deploy,DEPLOYMENT", "config,CONFIG", "FLAG,FLAG", "other,OTHER"})
    void kindMapsToChangeKind(String kind, ChangeKind expected) {
        assertThat(mapper.map(new ChangeRequest(null, "svc", null, kind, null, null, null, null, null, null, null)).getKind()).isEqualTo(expected);
    }

    @Test
    void unknownKindIsRefused() {
        assertThatThrownBy(() -> mapper.map(new ChangeRequest(null, "svc", null, "reboot", null, null, null, null, null, null, null)))
                .isInstanceOf(InvalidPayloadException.class).hasMessageContaining("kind");
    }

    @Test
    void missingServiceIsRefused() {
        assertThatThrownBy(() -> mapper.map(new ChangeRequest(null, " ", null, null, null, null, null, null, null, null, null)))
                .isInstanceOf(InvalidPayloadException.class).hasMessageContaining("service is required");
    }
}
