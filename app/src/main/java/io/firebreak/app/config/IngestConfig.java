package io.firebreak.app.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDataSize;
import io.dropwizard.validation.MinDuration;
import io.firebreak.ingest.IngestSettings;
import io.firebreak.ingest.auth.ApiToken;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code ingest:} — the HTTP receivers. */
public class IngestConfig {

    /** Bearer tokens accepted by the write endpoints; several for rotation. Blank entries (unset env vars) are ignored. */
    @NotNull
    @JsonProperty
    public List<String> tokens = new ArrayList<>();

    @NotNull
    @MinDataSize(1024)
    @JsonProperty
    public DataSize maxBodyBytes = DataSize.mebibytes(1);

    /** How long a write may wait for Kafka before the request is answered 503 + Retry-After. */
    @NotNull
    @MinDuration(value = 100, unit = TimeUnit.MILLISECONDS)
    @MaxDuration(value = 60, unit = TimeUnit.SECONDS)
    @JsonProperty
    public Duration kafkaTimeout = Duration.seconds(5);

    /** Cluster of signals that carry no {@code cluster} label. */
    @NotBlank
    @JsonProperty
    public String defaultCluster = "default";

    /** Per bearer token: sustained requests per second and burst; over it a sender gets 429 + Retry-After. */
    @Valid
    @NotNull
    @JsonProperty
    public RateLimit rateLimit = new RateLimit();

    /** Lines one {@code POST /v1/logs} may carry; more get 413. */
    @Min(1)
    @Max(1_000_000)
    @JsonProperty
    public int maxLogLines = 10_000;

    public static class RateLimit {
        @Min(1)
        @JsonProperty
        public double requestsPerSecond = 100;

        @Min(1)
        @JsonProperty
        public int burst = 200;

        public IngestSettings.RateLimit settings() {
            return new IngestSettings.RateLimit(requestsPerSecond, burst);
        }
    }

    public List<String> effectiveTokens() {
        return tokens.stream().filter(t -> t != null && !t.isBlank()).map(String::trim).toList();
    }

    /** The receivers' settings: this block with the tokens of {@code auth:} and the callback secrets of {@code callbacks:}. */
    public IngestSettings build(List<ApiToken> tokens, CallbacksConfig callbacks) {
        return new IngestSettings(tokens, maxBodyBytes.toBytes(), kafkaTimeout.toJavaDuration(), defaultCluster,
                rateLimit.settings(),
                callbacks.pagerdutySecrets.stream().filter(s -> s != null && !s.isBlank()).toList(),
                callbacks.slackSigningSecret == null || callbacks.slackSigningSecret.isBlank()
                        ? List.of() : List.of(callbacks.slackSigningSecret.trim()),
                maxLogLines);
    }
}
