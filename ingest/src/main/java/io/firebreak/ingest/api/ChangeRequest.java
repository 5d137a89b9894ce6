package io.firebreak.ingest.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Body of {@code POST /v1/changes}, sent by CI/CD, Argo, Flux or scripts when something changed:
 * <pre>{@code
 * {"service": "trade-engine",            required
 *  "cluster": "oci-fra-1",               default: the configured default cluster
 *  "kind": "deployment",                 deployment | config | flag | other (default other)
 *  "version": "v2.14.1", "previousVersion": "v2.14.0",
 *  "author": "jane", "url": "https://ci.example/run/42", "description": "...",
 *  "source": "argo",                     default: api
 *  "time": "2026-11-28T09:05:00Z",       RFC 3339; default: when received
 *  "id": "..."}                          optional idempotency key; default: derived from the fields above
 * }</pre>
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChangeRequest(
        String id,
        String service,
        String cluster,
        String kind,
        String version,
        String previousVersion,
        String author,
        String url,
        String description,
        String source,
        String time) {
}
