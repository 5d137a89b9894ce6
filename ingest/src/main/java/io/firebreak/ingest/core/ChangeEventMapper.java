package io.firebreak.ingest.core;

import io.firebreak.events.ChangeEvent;
import io.firebreak.events.ChangeKind;
import io.firebreak.ingest.api.ChangeRequest;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/** A change notice → {@link ChangeEvent}; a pure function of the request and its {@link Arrival}. */
public record ChangeEventMapper(Arrival arrival) {

    /** @throws InvalidPayloadException when the request breaks the documented shape */
    public ChangeEvent map(ChangeRequest request) {
        if (request == null) {
            throw new InvalidPayloadException("invalid_payload", "body must be a JSON object");
        }
        String service = trimmed(request.service());
        if (service == null) {
            throw new InvalidPayloadException("invalid_payload", "service is required");
        }
        Instant receivedAt = arrival.receivedAt();
        String cluster = arrival.cluster(request.cluster());
        ChangeKind kind = kind(request.kind());
        Instant at = Timestamps.parse("time", request.time()).orElse(receivedAt);
        String id = Objects.requireNonNullElseGet(trimmed(request.id()), () -> request.time() == null || request.time().isBlank()
                // no time to tell two notices apart: the content names the change, so a resent notice stays one change
                ? EventIds.of("change", cluster, service, kind.name(), request.version(), request.previousVersion(), request.author(),
                        request.url(), request.description(), request.source())
                : EventIds.of("change", cluster, service, kind.name(), request.version(), at.toString()));
        return ChangeEvent.newBuilder()
                .setId(id)
                .setCluster(cluster)
                .setService(service)
                .setKind(kind)
                .setVersion(trimmed(request.version()))
                .setPreviousVersion(trimmed(request.previousVersion()))
                .setAuthor(trimmed(request.author()))
                .setUrl(trimmed(request.url()))
                .setDescription(request.description())
                .setSource(Objects.requireNonNullElse(trimmed(request.source()), "api"))
                .setAt(at)
                .setReceivedAt(receivedAt)
                .build();
    }

    private static ChangeKind kind(String kind) {
        if (kind == null || kind.isBlank()) {
            return ChangeKind.OTHER;
        }
        return switch (kind.trim().toLowerCase(Locale.ROOT)) {
            case "deployment", "deploy" -> ChangeKind.DEPLOYMENT;
            case "config" -> ChangeKind.CONFIG;
            case "flag" -> ChangeKind.FLAG;
            case "other" -> ChangeKind.OTHER;
            case "rollback" -> ChangeKind.ROLLBACK;
            default -> throw new InvalidPayloadException("invalid_payload",
                    "kind must be deployment, config, flag, rollback or other, got \"" + kind + "\"");
        };
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
