package io.firebreak.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class CompatibilityLevelTest {

    private static final Schema V1 = schema("{\"name\":\"a\",\"type\":\"string\"}");
    private static final Schema V2_ADDS_DEFAULTED = schema("{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"b\",\"type\":\"int\",\"default\":0}");
    private static final Schema V2_ADDS_REQUIRED = schema("{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"b\",\"type\":\"int\"}");
    private static final Schema V3_DROPS_A = schema("{\"name\":\"b\",\"type\":\"int\",\"default\":0}");

    @Test
    void backwardAcceptsAFieldWithADefaultAndRefusesARequiredOne() {
        assertThat(CompatibilityLevel.BACKWARD.allows(V2_ADDS_DEFAULTED, List.of(V1))).isTrue();
        assertThat(CompatibilityLevel.BACKWARD.allows(V2_ADDS_REQUIRED, List.of(V1))).isFalse();
    }

    @Test
    void forwardAcceptsARequiredFieldOldReadersIgnore() {
        assertThat(CompatibilityLevel.FORWARD.allows(V2_ADDS_REQUIRED, List.of(V1))).isTrue();
        assertThat(CompatibilityLevel.FULL.allows(V2_ADDS_REQUIRED, List.of(V1))).isFalse();
        assertThat(CompatibilityLevel.FULL.allows(V2_ADDS_DEFAULTED, List.of(V1))).isTrue();
    }

    @Test
    void transitiveLevelsCompareWithEveryEarlierVersion() {
        // V3 drops "a": a V1 reader needs "a" and has no default for it, so it cannot read V3 data.
        assertThat(CompatibilityLevel.FORWARD.allows(V3_DROPS_A, List.of(V1, V2_ADDS_DEFAULTED))).isFalse();
        Schema v2WithDefaultedA = schema("{\"name\":\"a\",\"type\":\"string\",\"default\":\"\"},{\"name\":\"b\",\"type\":\"int\",\"default\":0}");
        assertThat(CompatibilityLevel.FORWARD.allows(V3_DROPS_A, List.of(v2WithDefaultedA))).isTrue();
        assertThat(CompatibilityLevel.FORWARD_TRANSITIVE.allows(V3_DROPS_A, List.of(V1, v2WithDefaultedA))).isFalse();
    }

    @Test
    void noneAcceptsAnything() {
        assertThat(CompatibilityLevel.NONE.allows(schema("{\"name\":\"z\",\"type\":\"long\"}"), List.of(V1))).isTrue();
    }

    @Test
    void unknownLevelIsRefusedWith42203() {
        assertThatThrownBy(() -> CompatibilityLevel.parse("SIDEWAYS"))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(42203));
        assertThat(CompatibilityLevel.parse("full_transitive")).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
    }

    private static Schema schema(String fields) {
        return new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"R\",\"namespace\":\"t\",\"fields\":[" + fields + "]}");
    }
}
