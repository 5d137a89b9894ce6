package io.firebreak.notifiers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void masksAllButTheLastFourCharacters() {
        assertThat(Secrets.mask("R0UT1NGKEYEXAMPLE00000000000wxyz")).isEqualTo("*".repeat(28) + "wxyz");
    }

    @Test
    void masksShortSecretsEntirely() {
        assertThat(Secrets.mask("abcd1234")).isEqualTo("********");
    }

    @Test
    void redactsEveryOccurrence() {
        assertThat(Secrets.redact("key=supersecretkey and again supersecretkey", "supersecretkey"))
                .isEqualTo("key=**********tkey and again **********tkey");
    }
}
