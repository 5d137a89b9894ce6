package io.firebreak.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConditionalGetTest {

    @Test
    void ifNoneMatchMatchesTheTagInAListWeakOrStrongOrAStar() {
        assertThat(ConditionalGet.matches("\"a\", W/\"b\"", "\"b\"")).isTrue();
        assertThat(ConditionalGet.matches("\"b\"", "\"b\"")).isTrue();
        assertThat(ConditionalGet.matches("*", "\"b\"")).isTrue();
        assertThat(ConditionalGet.matches("\"a\"", "\"b\"")).isFalse();
        assertThat(ConditionalGet.matches(null, "\"b\"")).isFalse();
    }
}
