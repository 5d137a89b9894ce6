package io.firebreak.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class RegistryStateTest {

    private static final Schema A = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"A\",\"fields\":[]}");
    private static final Schema B = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"B\",\"fields\":[]}");

    private final RegistryState state = new RegistryState();

    @Test
    void versionsCountPerSubjectAndIdsAreGlobal() {
        SchemaVersion a1 = register("s1", A);
        SchemaVersion b2 = register("s1", B);
        SchemaVersion aInOther = register("s2", A);

        assertThat(a1).isEqualTo(new SchemaVersion("s1", 1, 1, A));
        assertThat(b2).isEqualTo(new SchemaVersion("s1", 2, 2, B));
        assertThat(aInOther).isEqualTo(new SchemaVersion("s2", 1, 1, A));
        assertThat(state.subjects()).containsExactly("s1", "s2");
        assertThat(state.find("s2", B)).isEmpty();
    }

    @Test
    void replayingTheLogOutOfIdOrderKeepsTheHighestIdForTheNextSchema() {
        state.apply(new SchemaVersion("s1", 1, 7, A));
        state.apply(new SchemaVersion("s2", 1, 3, A));

        assertThat(state.next("s3", B).id()).isEqualTo(8);
        assertThat(state.next("s3", A).id()).as("a known schema keeps its first id").isEqualTo(7);
    }

    @Test
    void aSubjectLevelOverridesTheGlobalOne() {
        state.globalLevel(CompatibilityLevel.FULL);
        state.subjectLevel("s1", CompatibilityLevel.NONE);

        assertThat(state.effectiveLevel("s1")).isEqualTo(CompatibilityLevel.NONE);
        assertThat(state.effectiveLevel("s2")).isEqualTo(CompatibilityLevel.FULL);
    }

    private SchemaVersion register(String subject, Schema schema) {
        SchemaVersion next = state.next(subject, schema);
        state.apply(next);
        return next;
    }
}
