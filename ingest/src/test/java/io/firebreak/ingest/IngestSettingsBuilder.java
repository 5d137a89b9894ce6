package io.firebreak.ingest;

import io.firebreak.ingest.auth.ApiToken;
import java.time.Duration;
import java.util.List;

/**
 * Ingest settings for tests: the four a test usually varies, the rest at the values DESIGN §12 documents (the
 * production defaults live in the app's {@code IngestConfig}); named like the YAML keys.
 */
public final class IngestSettingsBuilder {

    private final List<ApiToken> tokens;
    private final long maxBodyBytes;
    private final Duration kafkaTimeout;
    private final String defaultCluster;
    private IngestSettings.RateLimit rateLimit = new IngestSettings.RateLimit(100, 200);
    private List<String> pagerDutySecrets = List.of();
    private List<String> slackSigningSecrets = List.of();
    private int maxLogLines = 10_000;

    private IngestSettingsBuilder(List<ApiToken> tokens, long maxBodyBytes, Duration kafkaTimeout, String defaultCluster) {
        this.tokens = tokens;
        this.maxBodyBytes = maxBodyBytes;
        this.kafkaTimeout = kafkaTimeout;
        this.defaultCluster = defaultCluster;
    }

    public static IngestSettingsBuilder of(List<String> tokens, long maxBodyBytes, Duration kafkaTimeout, String defaultCluster) {
        return new IngestSettingsBuilder(ApiToken.legacy(tokens), maxBodyBytes, kafkaTimeout, defaultCluster);
    }

    /** With named, scoped tokens instead of the older all-scope ones. */
    public static IngestSettingsBuilder of(List<ApiToken> tokens, long maxBodyBytes, Duration kafkaTimeout) {
        return new IngestSettingsBuilder(tokens, maxBodyBytes, kafkaTimeout, "default");
    }

    public IngestSettingsBuilder rateLimit(IngestSettings.RateLimit limit) {
        this.rateLimit = limit;
        return this;
    }

    public IngestSettingsBuilder callbackSecrets(List<String> pagerDuty, List<String> slack) {
        this.pagerDutySecrets = pagerDuty;
        this.slackSigningSecrets = slack;
        return this;
    }

    public IngestSettingsBuilder maxLogLines(int lines) {
        this.maxLogLines = lines;
        return this;
    }

    public IngestSettings build() {
        return new IngestSettings(tokens, maxBodyBytes, kafkaTimeout, defaultCluster, rateLimit, pagerDutySecrets,
                slackSigningSecrets, maxLogLines);
    }
}
