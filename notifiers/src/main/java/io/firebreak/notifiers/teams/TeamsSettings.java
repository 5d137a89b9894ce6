package io.firebreak.notifiers.teams;

import io.firebreak.notifiers.Http;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where to post Teams cards.
 *
 * @param webhookUrl   the Workflows "When a Teams webhook request is received" URL; its {@code sig} query parameter is
 *                     the credential, so the whole URL is a secret. Empty means "not configured": log receiver
 * @param timeout      connect + request timeout of one POST
 * @param dashboardUrl firebreak's dashboard, linked from every card next to the incident's own link
 */
public record TeamsSettings(Optional<URI> webhookUrl, Duration timeout, Optional<URI> dashboardUrl) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public TeamsSettings {
        webhookUrl = Objects.requireNonNull(webhookUrl, "webhookUrl").filter(url -> !url.toString().isBlank());
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(dashboardUrl, "dashboardUrl");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("Teams timeout must be positive, was " + timeout);
        }
    }

    /** From a config string that may be empty (an unset {@code ${TEAMS_WORKFLOW_URL}}). */
    public static TeamsSettings of(String webhookUrl, Optional<URI> dashboardUrl) {
        Optional<URI> url = Optional.ofNullable(webhookUrl).map(String::trim).filter(u -> !u.isEmpty()).map(URI::create);
        return new TeamsSettings(url, DEFAULT_TIMEOUT, dashboardUrl);
    }

    /** Host and workflow path only: the query with the signature is never printed. */
    @Override
    public String toString() {
        return "TeamsSettings[webhookUrl=" + webhookUrl.map(u -> Http.withoutQuery(u) + "?<redacted>").orElse("<none>")
                + ", timeout=" + timeout + ", dashboardUrl=" + dashboardUrl.map(URI::toString).orElse("<none>") + "]";
    }
}
