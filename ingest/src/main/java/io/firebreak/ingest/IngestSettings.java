package io.firebreak.ingest;

import io.firebreak.core.incident.IncidentIds;
import io.firebreak.ingest.auth.ApiToken;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The {@code ingest:} and {@code callbacks:} configuration (DESIGN §12), built by the app's {@code IngestConfig} (where
 * the defaults are written) and checked here at start-up, so a bad value fails fast.
 *
 * @param tokens              accepted bearer tokens, named and scoped; two with one name rotate that sender's token
 * @param maxBodyBytes        larger bodies get 413
 * @param kafkaTimeout        how long a write may wait for Kafka before the request gets 503
 * @param defaultCluster      cluster of events that name none (no {@code cluster} label / field)
 * @param rateLimit           per bearer token name and scope (and per callback source) request budget; over it → 429
 * @param pagerDutySecrets    PagerDuty webhook v3 signing secrets (several during rotation); none → the callback answers 401
 * @param slackSigningSecrets Slack signing secrets (old + new during rotation); none → the callback answers 401
 * @param maxLogLines         most NDJSON lines one {@code POST /v1/logs} may carry; more → 413
 */
public record IngestSettings(List<ApiToken> tokens, long maxBodyBytes, Duration kafkaTimeout, String defaultCluster,
                             RateLimit rateLimit, List<String> pagerDutySecrets, List<String> slackSigningSecrets,
                             int maxLogLines) {

    public IngestSettings {
        Objects.requireNonNull(tokens, "ingest.tokens");
        tokens = List.copyOf(tokens);
        // an empty token (e.g. an unset ${FIREBREAK_INGEST_TOKEN}) is refused by ApiToken itself
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("auth.tokens (or ingest.tokens) must hold at least one token");
        }
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("ingest.maxBodyBytes must be positive, got " + maxBodyBytes);
        }
        if (kafkaTimeout == null || kafkaTimeout.isZero() || kafkaTimeout.isNegative()) {
            throw new IllegalArgumentException("ingest.kafkaTimeout must be positive, got " + kafkaTimeout);
        }
        if (blank(defaultCluster)) {
            throw new IllegalArgumentException("ingest.defaultCluster must not be empty");
        }
        if (!IncidentIds.clusterKey(defaultCluster).equals(defaultCluster)) {
            throw new IllegalArgumentException("ingest.defaultCluster must hold only letters, digits and . _ : - (at most 200), got \""
                    + defaultCluster + "\"");
        }
        Objects.requireNonNull(rateLimit, "ingest.rateLimit");
        pagerDutySecrets = secrets("callbacks.pagerdutySecrets", pagerDutySecrets);
        slackSigningSecrets = secrets("callbacks.slackSigningSecret", slackSigningSecrets);
        if (maxLogLines <= 0) {
            throw new IllegalArgumentException("ingest.maxLogLines must be positive, got " + maxLogLines);
        }
    }

    /**
     * Blank entries are dropped rather than refused: an unset {@code ${PD_WEBHOOK_SECRET}} means "callback not configured",
     * which the endpoint answers with 401, so a missing secret can never make a forged callback pass.
     */
    private static List<String> secrets(String key, List<String> secrets) {
        Objects.requireNonNull(secrets, key);
        return secrets.stream().filter(secret -> !blank(secret)).toList();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** Never print the tokens or secrets, e.g. when the configuration is logged. */
    @Override
    public String toString() {
        return "IngestSettings[tokens=<" + tokens.size() + " redacted>, maxBodyBytes=" + maxBodyBytes
                + ", kafkaTimeout=" + kafkaTimeout + ", defaultCluster=" + defaultCluster + ", rateLimit=" + rateLimit
                + ", pagerDutySecrets=<" + pagerDutySecrets.size() + " redacted>, slackSigningSecrets=<"
                + slackSigningSecrets.size() + " redacted>, maxLogLines=" + maxLogLines + "]";
    }

    /**
     * A token bucket per bearer token: {@code burst} requests at once, refilled at {@code requestsPerSecond}.
     * Alertmanager sends one request per alert group per interval, so the default leaves a storm plenty of room
     * while a runaway script cannot starve the others.
     */
    public record RateLimit(double requestsPerSecond, int burst) {

        public RateLimit {
            if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond)) {
                throw new IllegalArgumentException("ingest.rateLimit.requestsPerSecond must be positive, got " + requestsPerSecond);
            }
            if (burst < 1) {
                throw new IllegalArgumentException("ingest.rateLimit.burst must be at least 1, got " + burst);
            }
        }
    }
}
