package io.firebreak.streams.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimelineTest {

    @ParameterizedTest
    @ValueSource(longs = {0, 7, 999, 1_000, 12_345, 999_999, 1_000_000, 50_000_000_123L, -1_234})
    void countsAreGroupedInThousandsAsAnEnglishLocaleWritesThem(long count) {
        assertThat(Timeline.grouped(count)).isEqualTo(String.format(Locale.ENGLISH, "%,d", count));
    }
}
