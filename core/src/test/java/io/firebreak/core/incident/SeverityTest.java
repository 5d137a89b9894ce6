package io.firebreak.core.incident;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeverityTest {

    @Test
    void labelsOfEverySourceMapToTheFourSeverities() {
        assertThat(Severity.fromLabel("critical")).isEqualTo(Severity.CRITICAL);
        assertThat(Severity.fromLabel("page")).isEqualTo(Severity.CRITICAL);
        assertThat(Severity.fromLabel("high")).isEqualTo(Severity.HIGH);
        assertThat(Severity.fromLabel("error")).isEqualTo(Severity.HIGH);
        assertThat(Severity.fromLabel("medium")).isEqualTo(Severity.MEDIUM);
        assertThat(Severity.fromLabel("warning")).isEqualTo(Severity.MEDIUM);
        assertThat(Severity.fromLabel("low")).isEqualTo(Severity.LOW);
        assertThat(Severity.fromLabel("info")).isEqualTo(Severity.LOW);
    }

    @Test
    void labelsAreReadInAnyCaseAndWithSpaces() {
        assertThat(Severity.fromLabel(" Critical ")).isEqualTo(Severity.CRITICAL);
        assertThat(Severity.fromLabel("WARNING")).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void anUnknownOrMissingLabelIsMediumSoTheSignalIsNeverDropped() {
        assertThat(Severity.fromLabel("disaster")).isEqualTo(Severity.MEDIUM);
        assertThat(Severity.fromLabel("")).isEqualTo(Severity.MEDIUM);
        assertThat(Severity.fromLabel(null)).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void severitiesRankLowFirst() {
        assertThat(Severity.CRITICAL.isHigherThan(Severity.HIGH)).isTrue();
        assertThat(Severity.MEDIUM.isHigherThan(Severity.LOW)).isTrue();
        assertThat(Severity.HIGH.isHigherThan(Severity.HIGH)).isFalse();
        assertThat(Severity.LOW.isHigherThan(Severity.MEDIUM)).isFalse();
    }
}
