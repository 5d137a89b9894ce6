package io.firebreak.ingest.coroot;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Coroot's {@code data.url} is the only carrier of the project id and the incident key / alert id / deployment id
 * (contracts/coroot-webhook.md): {@code <base>/p/<project>/incidents?incident=<key>}, {@code ...alerts?alert=<id>},
 * {@code .../Deployments#<id>}. A URL that does not parse yields nothing rather than failing the webhook.
 */
record CorootUrl(Optional<String> projectId, Optional<String> incidentKey, Optional<String> alertId, Optional<String> fragment) {

    private static final Pattern PROJECT = Pattern.compile("/p/([^/?#]+)");
    static final CorootUrl NONE = new CorootUrl(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    static CorootUrl parse(Optional<String> url) {
        if (url.isEmpty()) {
            return NONE;
        }
        URI uri;
        try {
            uri = new URI(url.get());
        } catch (URISyntaxException e) {
            return NONE;
        }
        Optional<String> project = Optional.ofNullable(uri.getRawPath()).map(PROJECT::matcher).filter(Matcher::find).map(m -> m.group(1));
        return new CorootUrl(project, query(uri, "incident"), query(uri, "alert"), nonBlank(uri.getFragment()));
    }

    private static Optional<String> query(URI uri, String name) {
        String query = uri.getRawQuery();
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equals(name)) {
                try {
                    return nonBlank(URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
