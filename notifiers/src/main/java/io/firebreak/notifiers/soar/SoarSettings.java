package io.firebreak.notifiers.soar;

import io.firebreak.notifiers.Secrets;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where SOAR events go and how they are signed.
 *
 * @param url     the SOAR endpoint; empty means "not configured": log receiver
 * @param secrets Standard Webhooks secrets ({@code whsec_<base64>}), newest first; during a rotation list the new
 *                and the old one and every request carries both signatures. Blank entries (unset env vars) are dropped
 * @param timeout connect + request timeout of one POST (contract: 15 s)
 */
public record SoarSettings(Optional<URI> url, List<String> secrets, Duration timeout) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

    public SoarSettings {
        url = Objects.requireNonNull(url, "url").filter(u -> !u.toString().isBlank());
        secrets = secrets == null ? List.of() : secrets.stream().filter(Objects::nonNull).map(String::trim).filter(s -> !s.isEmpty()).toList();
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("SOAR timeout must be positive, was " + timeout);
        }
    }

    public static SoarSettings of(Optional<URI> url, List<String> secrets) {
        return new SoarSettings(url, secrets, DEFAULT_TIMEOUT);
    }

    /** Secrets masked to their last 4 characters. */
    @Override
    public String toString() {
        return "SoarSettings[url=" + url.map(URI::toString).orElse("<none>") + ", secrets="
                + secrets.stream().map(Secrets::mask).toList() + ", timeout=" + timeout + "]";
    }
}
