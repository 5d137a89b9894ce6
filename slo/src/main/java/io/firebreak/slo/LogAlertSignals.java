package io.firebreak.slo;

import io.firebreak.events.Signal;
import io.firebreak.events.SignalSource;
import io.firebreak.events.SignalStatus;
import io.firebreak.slo.config.Durations;
import io.firebreak.slo.logalerts.LogAlertRule;
import io.firebreak.slo.logalerts.LogAlertState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A log alert episode as a Signal (source {@code logs}, alertname = the rule's name) on {@code firebreak.signals.v1}.
 * The fingerprint {@code logs:<rule>:<cluster>:<service>} is stable, so the RESOLVED matches its FIRING and the
 * correlation treats the episode like any alert.
 */
final class LogAlertSignals {

    /** Enough of a matched value to recognise it; the summary lands in pages and chat messages. */
    private static final int MAX_VALUE_CHARS = 64;

    private LogAlertSignals() {
    }

    static String fingerprint(String rule, String cluster, String service) {
        return "logs:" + rule + ":" + cluster + ":" + service;
    }

    /** The Signal of {@code change}; {@code rule} is empty when the rule was removed from the config since it fired. */
    static Signal of(LogAlertState state, LogAlertState.Change change, Optional<LogAlertRule> rule, long now) {
        String within = rule.map(r -> Durations.label(r.within())).orElse("its window");
        String matched = rule.map(LogAlertSignals::matched).orElse("");
        String summary = change.firing()
                ? String.format(Locale.ROOT, "%s: %d lines%s in %s on %s", state.rule(), change.lines(), matched, within, state.service())
                : String.format(Locale.ROOT, "%s: back under %s lines%s in %s on %s (%d now)", state.rule(),
                rule.map(r -> Long.toString(r.count())).orElse("the threshold"), matched, within, state.service(), change.lines());
        SignalStatus status = change.firing() ? SignalStatus.FIRING : SignalStatus.RESOLVED;
        String fingerprint = fingerprint(state.rule(), state.cluster(), state.service());
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", state.rule());
        labels.put("rule", state.rule());
        labels.put("cluster", state.cluster());
        labels.put("service", state.service());
        labels.put("severity", change.severity().name().toLowerCase(Locale.ROOT));
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("summary", summary);
        annotations.put("lines", Long.toString(change.lines()));
        rule.ifPresent(r -> {
            annotations.put("threshold", r.count() + " in " + Durations.label(r.within()));
            annotations.put("match", matched.strip());
        });
        // the episode is fingerprint + startsAt: the RESOLVED carries the FIRING's startsAt
        return Signal.newBuilder()
                .setId(fingerprint + ":" + status.name().toLowerCase(Locale.ROOT) + ":" + now).setFingerprint(fingerprint)
                .setSource(SignalSource.LOGS).setStatus(status).setSeverity(change.severity())
                .setCluster(state.cluster()).setService(state.service())
                .setAlertName(state.rule()).setSummary(summary).setLabels(labels).setAnnotations(annotations)
                .setStartsAt(Instant.ofEpochMilli(change.startsAt())).setReceivedAt(Instant.ofEpochMilli(now))
                .setEndsAt(change.firing() ? null : Instant.ofEpochMilli(now))
                .build();
    }

    /** {@code  with status="RISK_LIMIT"}: the rule's fields and values, quoted, so a value reads as text and not as markup. */
    private static String matched(LogAlertRule rule) {
        return " with " + rule.match().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(entry -> text(entry.getKey()) + "=" + values(entry.getValue()))
                .collect(Collectors.joining(" "));
    }

    private static String values(List<String> values) {
        return values.stream().map(value -> "\"" + text(value).replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining("|"));
    }

    /** Control characters (a newline would start a new line of a page) become spaces; long values are cut. */
    private static String text(String value) {
        String flat = value.replaceAll("\\p{Cntrl}", " ");
        return flat.length() <= MAX_VALUE_CHARS ? flat : flat.substring(0, MAX_VALUE_CHARS - 1) + "…";
    }
}
