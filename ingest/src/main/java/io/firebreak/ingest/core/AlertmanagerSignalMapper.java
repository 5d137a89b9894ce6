package io.firebreak.ingest.core;

import io.firebreak.core.incident.Severity;
import io.firebreak.events.Signal;
import io.firebreak.events.SignalSource;
import io.firebreak.events.SignalStatus;
import io.firebreak.ingest.api.AlertmanagerPayload.Alert;
import io.firebreak.ingest.api.AlertmanagerPayload;
import io.firebreak.schemas.CoreTypes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An Alertmanager webhook (payload version 4) → one {@link Signal} per alert. A pure function of the payload
 * and its {@link Arrival}: no I/O, so every contract quirk is tested without Kafka or HTTP.
 */
public record AlertmanagerSignalMapper(Arrival arrival) {

    public static final String SUPPORTED_VERSION = "4";
    /** Labels naming the service, best first: {@code service}, then common Kubernetes/Prometheus conventions. */
    static final List<String> SERVICE_LABELS = List.of("service", "app", "job", "container");
    static final String UNKNOWN_SERVICE = "unknown";

    /** @throws InvalidPayloadException when the payload breaks the contract (the whole request is refused) */
    public List<Signal> map(AlertmanagerPayload payload) {
        if (payload == null) {
            throw new InvalidPayloadException("invalid_payload", "body must be a JSON object");
        }
        if (!SUPPORTED_VERSION.equals(payload.version())) {
            throw new InvalidPayloadException("unsupported_version",
                    "version must be \"" + SUPPORTED_VERSION + "\", got " + (payload.version() == null ? "none" : "\"" + payload.version() + "\""));
        }
        if (payload.alerts() == null) {
            throw new InvalidPayloadException("invalid_payload", "alerts is required");
        }
        Instant receivedAt = arrival.receivedAt();
        List<Signal> signals = new ArrayList<>(payload.alerts().size());
        for (int i = 0; i < payload.alerts().size(); i++) {
            signals.add(toSignal(payload, payload.alerts().get(i), "alerts[" + i + "]", receivedAt));
        }
        return List.copyOf(signals);
    }

    private Signal toSignal(AlertmanagerPayload payload, Alert alert, String where, Instant receivedAt) {
        if (alert == null) {
            throw new InvalidPayloadException("invalid_payload", where + " must be an object");
        }
        Map<String, String> labels = withoutNulls(alert.labels());
        Map<String, String> annotations = withoutNulls(alert.annotations());
        SignalStatus status = status(alert.status() != null ? alert.status() : payload.status(), where);
        // Only Alertmanager's own clients omit nothing; a generic client without startsAt still gets its alert in.
        Instant startsAt = Timestamps.parse(where + ".startsAt", alert.startsAt()).orElse(receivedAt);
        // For firing alerts endsAt is a validity deadline Prometheus sends, not an end: never pass it on as one.
        Optional<Instant> endsAt = status == SignalStatus.RESOLVED
                ? Timestamps.parse(where + ".endsAt", alert.endsAt())
                : Optional.empty();
        String fingerprint = isBlank(alert.fingerprint()) ? Fingerprints.ofLabels(labels) : alert.fingerprint().trim();

        return Signal.newBuilder()
                .setId(EventIds.of(payload.groupKey(), fingerprint, status.name(), startsAt.toString()))
                .setFingerprint(fingerprint)
                .setSource(SignalSource.ALERTMANAGER)
                .setStatus(status)
                .setSeverity(CoreTypes.severity(Severity.fromLabel(labels.get("severity"))))
                .setCluster(arrival.cluster(labels.get("cluster")))
                .setService(service(labels))
                .setAlertName(labels.get("alertname"))
                .setSummary(annotations.get("summary"))
                .setDescription(annotations.get("description"))
                .setLabels(labels)
                .setAnnotations(annotations)
                .setStartsAt(startsAt)
                .setEndsAt(endsAt.orElse(null))
                .setReceivedAt(receivedAt)
                .setGeneratorUrl(nonBlank(alert.generatorURL()).orElse(null))
                .setRunbookUrl(nonBlank(annotations.get("runbook_url")).orElse(null))
                .setReceiver(payload.receiver())
                .setGroupKey(payload.groupKey())
                .build();
    }

    private static SignalStatus status(String status, String where) {
        if (status == null) {
            throw new InvalidPayloadException("invalid_payload", where + ".status is required (firing or resolved)");
        }
        return switch (status.trim().toLowerCase(Locale.ROOT)) {
            case "firing" -> SignalStatus.FIRING;
            case "resolved" -> SignalStatus.RESOLVED;
            default -> throw new InvalidPayloadException("invalid_payload",
                    where + ".status must be firing or resolved, got \"" + status + "\"");
        };
    }

    private static String service(Map<String, String> labels) {
        for (String name : SERVICE_LABELS) {
            Optional<String> value = nonBlank(labels.get(name));
            if (value.isPresent()) {
                return value.get();
            }
        }
        return UNKNOWN_SERVICE;
    }

    /** Avro maps cannot hold nulls; a JSON {@code "label": null} carries no information anyway. */
    private static Map<String, String> withoutNulls(Map<String, String> map) {
        Map<String, String> copy = new LinkedHashMap<>();
        if (map != null) {
            map.forEach((key, value) -> {
                if (key != null && value != null) {
                    copy.put(key, value);
                }
            });
        }
        return copy;
    }

    private static Optional<String> nonBlank(String value) {
        return isBlank(value) ? Optional.empty() : Optional.of(value.trim());
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
