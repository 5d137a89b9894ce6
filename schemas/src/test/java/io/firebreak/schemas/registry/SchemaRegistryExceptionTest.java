package io.firebreak.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class SchemaRegistryExceptionTest {

    @Test
    void anUnreachableRegistryAnywhereInTheCausesIsWorthRetrying() {
        var unavailable = new SchemaRegistryUnavailableException("connection refused", 0, null);

        assertThat(SchemaRegistryException.unreachableIn(new SerializationException("cannot read", unavailable))).isTrue();
        assertThat(SchemaRegistryException.unreachableIn(unavailable)).isTrue();
    }

    @Test
    void aRecordOrSchemaThatCanNeverBeReadIsNotWorthRetrying() {
        assertThat(SchemaRegistryException.unreachableIn(new SerializationException("bad magic byte"))).isFalse();
        assertThat(SchemaRegistryException.unreachableIn(
                new SerializationException("unknown id", new SchemaRegistryException("schema 7 not found", 404, 40403, null)))).isFalse();
        assertThat(SchemaRegistryException.unreachableIn(null)).isFalse();
    }
}
