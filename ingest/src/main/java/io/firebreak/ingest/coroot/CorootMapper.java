package io.firebreak.ingest.coroot;

import static io.firebreak.ingest.core.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebreak.events.ChangeEvent;
import io.firebreak.events.ChangeKind;
import io.firebreak.events.RcaReport;
import io.firebreak.events.Severity;
import io.firebreak.events.Signal;
import io.firebreak.events.SignalSource;
import io.firebreak.events.SignalStatus;
import io.firebreak.ingest.core.Arrival;
import io.firebreak.ingest.core.EventIds;
import io.firebreak.ingest.core.Fingerprints;
import io.firebreak.ingest.core.InvalidPayloadException;
import io.firebreak.ingest.core.Text;
import io.firebreak.schemas.CoreTypes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A Coroot webhook in the {@code coroot-webhook/v1} envelope (contracts/coroot-webhook.md) → events. Incident and
 * alert templates become a {@link Signal} (source COROOT; CRITICAL → CRITICAL, WARNING → MEDIUM as the
 * {@code warning} label does, OK → resolved), the incident's RCA fields an {@link RcaReport}; the deployment
 * template becomes a {@link ChangeEvent}. A pure function of the body and its {@link Arrival}.
 */
public record CorootMapper(Arrival arrival) {

    public static final String SCHEMA = "coroot-webhook/v1";

    /** @throws InvalidPayloadException when the body is not the envelope the templates produce */
    public CorootEvents map(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidPayloadException("invalid_payload", "body must be a JSON object (the coroot-webhook/v1 envelope)");
        }
        String schema = text(body, "schema").orElse("");
        if (!SCHEMA.equals(schema)) {
            throw new InvalidPayloadException("unsupported_schema", "schema must be \"" + SCHEMA + "\", got "
                    + (schema.isEmpty() ? "none" : "\"" + Text.abbreviate(schema, 40) + "\"") + "; paste the templates of the README");
        }
        JsonNode data = body.get("data");
        if (data == null || !data.isObject()) {
            throw new InvalidPayloadException("invalid_payload", "data must be an object (the template's {{ json . }})");
        }
        String eventType = text(body, "event_type").orElse("");
        App app = app(body, data);
        String cluster = arrival.cluster(text(data, "cluster").orElse(null));
        CorootUrl url = CorootUrl.parse(text(data, "url"));
        Instant receivedAt = arrival.receivedAt();
        return switch (eventType) {
            case "incident" -> incident(data, app, cluster, url, receivedAt);
            case "alert" -> alert(data, app, cluster, url, receivedAt);
            case "deployment" -> CorootEvents.of(deployment(data, app, cluster, url, receivedAt));
            default -> throw new InvalidPayloadException("unsupported_event_type",
                    "event_type must be incident, deployment or alert, got \"" + Text.abbreviate(eventType, 40) + "\"");
        };
    }

    private CorootEvents incident(JsonNode data, App app, String cluster, CorootUrl url, Instant receivedAt) {
        String status = status(data);
        List<CorootReport> reports = reports(data);
        Optional<String> rcaSummary = text(data, "rca_summary");
        Optional<String> remediations = text(data, "rca_remediations");
        String fingerprint = url.projectId().isPresent() && url.incidentKey().isPresent()
                ? "coroot:" + url.projectId().get() + ":" + url.incidentKey().get() // the contract's dedup key
                : "coroot:" + Fingerprints.ofLabels(Map.of("cluster", cluster, "service", app.name(), "namespace", app.namespace(), "kind", app.kind()));
        List<String> lines = reports.stream().map(CorootReport::render).toList();
        String summary = rcaSummary.orElseGet(() -> lines.isEmpty()
                ? app.name() + " incident " + status.toLowerCase(Locale.ROOT) : app.name() + ": " + reports.get(0).check() + ": " + reports.get(0).message());
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("summary", summary);
        if (!lines.isEmpty()) {
            annotations.put("reports", String.join("\n", lines));
        }
        rcaSummary.ifPresent(text -> annotations.put("rca_summary", text));
        remediations.ifPresent(text -> annotations.put("rca_remediations", text));
        Signal signal = signal(data, app, cluster, url, receivedAt, status, fingerprint,
                reports.isEmpty() ? "CorootIncident" : "Coroot" + reports.get(0).name().replaceAll("\\s+", ""),
                summary, description(lines, remediations), annotations, severity(status));

        Optional<RcaReport> rca = Optional.empty();
        if (signal.getStatus() == SignalStatus.FIRING && (rcaSummary.isPresent() || remediations.isPresent())) {
            List<String> texts = new ArrayList<>(lines);
            remediations.ifPresent(texts::add);
            List<String> withSummary = new ArrayList<>(texts);
            rcaSummary.ifPresent(withSummary::add);
            rca = Optional.of(RcaReport.newBuilder()
                    .setId(EventIds.of("coroot-rca", fingerprint, rcaSummary.orElse(""), remediations.orElse("")))
                    .setCluster(cluster)
                    .setService(app.name())
                    .setSource("coroot")
                    .setFingerprint(fingerprint)
                    .setSummary(rcaSummary.orElse(remediations.orElse(null)))
                    .setCandidates(RcaExtraction.candidates(app.name(), rcaSummary, texts))
                    .setDependencies(RcaExtraction.dependencies(app.name(), withSummary))
                    .setDetailsUrl(text(data, "url").orElse(null))
                    .setAt(receivedAt)
                    .build());
        }
        return CorootEvents.of(signal, rca);
    }

    private CorootEvents alert(JsonNode data, App app, String cluster, CorootUrl url, Instant receivedAt) {
        String status = status(data);
        String rule = text(data, "rule_name").orElse("CorootAlert");
        String fingerprint = url.projectId().isPresent() && url.alertId().isPresent()
                ? "coroot-alert:" + url.projectId().get() + ":" + url.alertId().get()
                : "coroot-alert:" + Fingerprints.ofLabels(Map.of("cluster", cluster, "service", app.name(), "rule", rule));
        String summary = text(data, "summary").orElse(app.name() + ": " + rule);
        Severity severity = severity(text(data, "severity").orElse(status));
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("summary", summary);
        text(data, "resolved_by").ifPresent(by -> annotations.put("resolved_by", by));
        text(data, "duration").ifPresent(duration -> annotations.put("duration", duration));
        return CorootEvents.of(signal(data, app, cluster, url, receivedAt, status, fingerprint, rule, summary, null, annotations, severity),
                Optional.empty());
    }

    private Signal signal(JsonNode data, App app, String cluster, CorootUrl url, Instant receivedAt, String status, String fingerprint,
                          String alertName, String summary, String description, Map<String, String> annotations, Severity severity) {
        SignalStatus signalStatus = "OK".equals(status) ? SignalStatus.RESOLVED : SignalStatus.FIRING;
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("source", "coroot");
        labels.put("cluster", cluster);
        labels.put("service", app.name());
        labels.put("namespace", app.namespace());
        labels.put("kind", app.kind());
        labels.put("severity", status.toLowerCase(Locale.ROOT));
        text(data, "environment").ifPresent(environment -> labels.put("environment", environment));
        url.projectId().ifPresent(project -> labels.put("coroot_project", project));
        return Signal.newBuilder()
                // Coroot re-sends an unsent notification verbatim: the same body gets the same id.
                .setId(EventIds.of("coroot", fingerprint, status, String.join("\n", annotations.values())))
                .setFingerprint(fingerprint)
                .setSource(SignalSource.COROOT)
                .setStatus(signalStatus)
                .setSeverity(severity)
                .setCluster(cluster)
                .setService(app.name())
                .setAlertName(alertName)
                .setSummary(summary)
                .setDescription(description)
                .setLabels(labels)
                .setAnnotations(annotations)
                .setStartsAt(receivedAt) // Coroot's templates carry no times
                .setEndsAt(signalStatus == SignalStatus.RESOLVED ? receivedAt : null)
                .setReceivedAt(receivedAt)
                .setGeneratorUrl(text(data, "url").orElse(null))
                .setReceiver("coroot")
                .build();
    }

    private ChangeEvent deployment(JsonNode data, App app, String cluster, CorootUrl url, Instant receivedAt) {
        String status = text(data, "status").orElseThrow(() -> new InvalidPayloadException("invalid_payload", "data.status is required"));
        Optional<String> version = text(data, "version");
        List<String> summary = new ArrayList<>();
        JsonNode lines = data.get("summary");
        if (lines != null && lines.isArray()) {
            lines.forEach(line -> text(line).ifPresent(summary::add));
        }
        String description = "Coroot deployment " + status + (summary.isEmpty() ? "" : "\n" + String.join("\n", summary));
        return ChangeEvent.newBuilder()
                // The contract's dedup key: a Deployed event re-sent with a filled summary is the same change, updated.
                .setId(EventIds.of("coroot-deploy", url.projectId().orElse(cluster), url.fragment().orElse(app.name() + ":" + version.orElse("")),
                        status))
                .setCluster(cluster)
                .setService(app.name())
                .setKind(ChangeKind.DEPLOYMENT)
                .setVersion(version.orElse(null))
                .setDescription(description)
                .setSource("coroot")
                .setUrl(text(data, "url").orElse(null))
                .setAt(receivedAt)
                .setReceivedAt(receivedAt)
                .build();
    }

    private static String status(JsonNode data) {
        String status = text(data, "status").orElseThrow(() -> new InvalidPayloadException("invalid_payload", "data.status is required"))
                .toUpperCase(Locale.ROOT);
        if (!List.of("OK", "WARNING", "CRITICAL").contains(status)) {
            throw new InvalidPayloadException("invalid_payload",
                    "data.status must be OK, WARNING or CRITICAL, got \"" + Text.abbreviate(status, 40) + "\"");
        }
        return status;
    }

    private static List<CorootReport> reports(JsonNode data) {
        List<CorootReport> reports = new ArrayList<>();
        JsonNode array = data.get("reports");
        if (array != null && array.isArray()) {
            for (JsonNode report : array) {
                Optional<String> message = text(report, "message");
                if (message.isPresent()) {
                    reports.add(new CorootReport(text(report, "name").orElse("Coroot"), text(report, "check").orElse("check"), message.get()));
                }
            }
        }
        return reports;
    }

    private static String description(List<String> lines, Optional<String> remediations) {
        List<String> parts = new ArrayList<>(lines);
        remediations.ifPresent(text -> parts.add("Remediations:\n" + text));
        return parts.isEmpty() ? null : String.join("\n", parts);
    }

    /** The application: the envelope's explicit parts, else {@code data.application} split from the right. */
    private static App app(JsonNode body, JsonNode data) {
        String[] id = text(data, "application").map(text -> text.split(":")).orElse(new String[0]);
        Optional<String> name = text(body, "application", "name").or(() -> part(id, 1));
        if (name.isEmpty()) {
            throw new InvalidPayloadException("invalid_payload", "application.name is required (the service)");
        }
        String namespace = text(body, "application", "namespace").or(() -> part(id, 3)).orElse("_");
        String kind = text(body, "application", "kind").or(() -> part(id, 2)).orElse("");
        return new App(name.get(), "_".equals(namespace) ? "" : namespace, kind);
    }

    private static Optional<String> part(String[] parts, int fromRight) {
        return parts.length >= fromRight ? Optional.of(parts[parts.length - fromRight]).filter(part -> !part.isBlank()) : Optional.empty();
    }

    private record App(String name, String namespace, String kind) {
    }

    /** Coroot's severity or status label (critical, warning, ...) as the event's severity (DESIGN §7). */
    private static Severity severity(String label) {
        return CoreTypes.severity(io.firebreak.core.incident.Severity.fromLabel(label));
    }
}
