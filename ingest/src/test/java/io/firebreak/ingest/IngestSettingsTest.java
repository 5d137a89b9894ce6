package io.firebreak.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class IngestSettingsTest {

    @Test
    void anEmptyTokenIsRefusedAtStartUpSoAnUnsetVariableCannotOpenTheDoor() {
        assertThatThrownBy(() -> IngestSettingsBuilder.of(List.of(""), 1024, Duration.ofSeconds(1), "dc").build())
                .hasMessageContaining("ingest.tokens");
        assertThatThrownBy(() -> IngestSettingsBuilder.of(List.of(), 1024, Duration.ofSeconds(1), "dc").build())
                .hasMessageContaining("ingest.tokens");
    }

    @Test
    void printingTheSettingsNeverShowsATokenOrASecret() {
        IngestSettings settings = IngestSettingsBuilder.of(List.of("tok-3f9a", "tok-old-77"), 1024, Duration.ofSeconds(1), "dc")
                .callbackSecrets(List.of("pd-secret-1"), List.of("slack-secret-2")).build();

        assertThat(settings.toString())
                .doesNotContain("tok-3f9a", "tok-old-77", "pd-secret-1", "slack-secret-2")
                .contains("tokens=<2 redacted>");
    }
}
