package io.firebreak.postmortem;

import io.firebreak.events.ActionItem;
import io.firebreak.events.BurnSnapshot;
import io.firebreak.events.ChangeKind;
import io.firebreak.events.Incident;
import io.firebreak.events.RootCauseCandidate;
import io.firebreak.events.Severity;
import io.firebreak.events.SignalRef;
import io.firebreak.events.SignalSource;
import io.firebreak.events.SignalStatus;
import io.firebreak.events.Stage;
import io.firebreak.events.SuspectChange;
import io.firebreak.events.TimelineEntry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Incidents written by hand, with times chosen so every duration can be checked on paper. */
public final class ScriptedIncidents {

    public static final String INCIDENT_ID = "oci-fra-1.20261128.0042";
    public static final Instant FIRST_SIGNAL = at("08:57:03");
    public static final Instant ALERT_FIRED = at("08:58:15");   // MTTD  72 s = 1m 12s
    public static final Instant ACKNOWLEDGED = at("09:01:03");  // MTTA 240 s = 4m
    public static final Instant MITIGATED = at("09:12:33");     // MTTM 930 s = 15m 30s
    public static final Instant RECOVERED = at("09:27:03");     // MTTR 1800 s = 30m
    public static final Clock CLOCK = Clock.fixed(at("09:45:00"), ZoneOffset.UTC);

    public static final PostmortemSettings SETTINGS = new PostmortemSettings(
            Optional.of(URI.create("http://loki:3100")), Optional.of(URI.create("https://grafana.example.internal")),
            "loki-oci-fra-1", Duration.ofMinutes(15), 20);

    /** No Loki, no Grafana: queries are listed without links or lines. */
    public static final PostmortemSettings WITHOUT_LOKI = new PostmortemSettings(Optional.empty(), Optional.empty(), "loki",
            Duration.ofMinutes(15), 20);

    private ScriptedIncidents() {
    }

    /** {@link #SETTINGS} with Loki at {@code lokiUrl} (a recording server or a closed port). */
    public static PostmortemSettings settingsWithLoki(URI lokiUrl) {
        return new PostmortemSettings(Optional.of(lokiUrl), SETTINGS.grafanaUrl(), SETTINGS.lokiDatasource(), SETTINGS.padding(),
                SETTINGS.maxLogLines());
    }

    /** 2026-11-28 at the given UTC time. */
    public static Instant at(String time) {
        return Instant.parse("2026-11-28T" + time + "Z");
    }

    /**
     * A CRITICAL trade-engine incident that went through all nine stages: a bad risk-service deployment,
     * paged, acknowledged, rolled back, recovered, postmortem published, then a second action item added.
     */
    public static Incident criticalThroughAllStages() {
        List<TimelineEntry> timeline = new ArrayList<>(List.of(
                transition("08:57:03", Stage.SIGNAL_DETECTED, "alert TradeEngineHighLatency firing", "alertmanager"),
                transition("08:58:15", Stage.ALERT_FIRED, "severity CRITICAL routed to pagerduty, slack-war-room, teams", "firebreak"),
                transition("08:58:20", Stage.RCA_GENERATED, "built-in RCA: risk-service most upstream alerting dependency", "firebreak"),
                transition("08:58:21", Stage.SLO_BURN_ANALYZED, "trade_execution_latency burning 14.9x over 1h", "firebreak"),
                transition("08:58:22", Stage.PAGED, "PagerDuty P1 triggered", "pagerduty"),
                transition("08:58:25", Stage.WAR_ROOM_OPEN, "Slack channel #inc-0042 opened", "slack"),
                entry("09:01:03", null, "note", "acknowledged", "alice"),
                entry("09:11:40", null, "note", "rolling back risk-service to 2.13.4 | canary skipped", "alice"),
                transition("09:12:33", Stage.MITIGATED, "rollback of risk-service finished", "alice"),
                transition("09:27:03", Stage.RECOVERED, "all alerts resolved, burn rate under threshold for 5m", "firebreak"),
                transition("09:27:09", Stage.POSTMORTEM_PUBLISHED, "postmortem revision 1 published", "firebreak")));
        timeline.get(2).setEvidence(List.of("risk-service p99 480ms (was 12ms)", "deployment risk-service 2.14.0 at 08:50:12Z"));

        return Incident.newBuilder()
                .setId(INCIDENT_ID)
                .setCluster("oci-fra-1")
                .setGroupKey("cluster=oci-fra-1,service=trade-engine")
                .setTitle("Trade execution latency: risk-service 2.14.0 slowed every order")
                .setSeverity(Severity.CRITICAL)
                .setStage(Stage.POSTMORTEM_PUBLISHED)
                .setServices(List.of("trade-engine", "risk-service"))
                .setOpenedAt(FIRST_SIGNAL)
                .setUpdatedAt(at("09:40:00"))
                .setClosed(true)
                .setVersion(23)
                .setSignals(List.of(
                        signal("fp-latency", SignalSource.ALERTMANAGER, "trade-engine", "TradeEngineHighLatency",
                                Severity.CRITICAL, 3, "08:57:03", "09:05:00"),
                        signal("fp-risk", SignalSource.COROOT, "risk-service", "RiskServiceErrors",
                                Severity.HIGH, 1, "08:57:40", "08:57:40"),
                        signal("fp-slo", SignalSource.SLO, "trade-engine", "trade_execution_latency fast burn",
                                Severity.CRITICAL, 1, "08:58:10", "08:58:10"),
                        // the same alert again after a replay: merged into one entry with count 3 + 2
                        signal("fp-latency", SignalSource.ALERTMANAGER, "trade-engine", "TradeEngineHighLatency",
                                Severity.CRITICAL, 2, "08:59:00", "09:20:00")))
                .setRootCauses(List.of(
                        new RootCauseCandidate("trade-engine", 0.31, List.of("calls risk-service")),
                        new RootCauseCandidate("risk-service", 0.82,
                                List.of("deployment 2.14.0 seven minutes before the first signal", "p99 latency 480ms (was 12ms)"))))
                .setRcaSource("built-in")
                .setSuspectChanges(List.of(SuspectChange.newBuilder()
                        .setChangeId("deploy-881").setService("risk-service").setKind(ChangeKind.DEPLOYMENT)
                        .setVersion("2.14.0").setAuthor("jdoe").setUrl("https://ci.example/deploy/881")
                        .setAt(at("08:50:12")).build()))
                .setBurn(List.of(BurnSnapshot.newBuilder()
                        .setSlo("trade_execution_latency").setService("trade-engine")
                        .setRates(rates()).setBudgetRemaining(0.875).build()))
                .setTimeline(timeline)
                .setActionItems(List.of(
                        new ActionItem("AI-1", "Add canary analysis to risk-service deployments", "jdoe", "2026-12-05", "open"),
                        new ActionItem("AI-2", "Alert on risk-service p99 before trade-engine feels it", null, null, "open")))
                .setPagedReceivers(List.of("pagerduty", "slack-war-room", "teams"))
                .setFirstSignalAt(FIRST_SIGNAL)
                .setAlertFiredAt(ALERT_FIRED)
                .setAcknowledgedAt(ACKNOWLEDGED)
                .setMitigatedAt(MITIGATED)
                .setRecoveredAt(RECOVERED)
                .setResolvedAt(null)
                .build();
    }

    /** A LOW incident: alert fired, nobody paged or acknowledged it, nobody mitigated, it recovered by itself. */
    public static Incident lowNeverPaged() {
        return Incident.newBuilder()
                .setId("oci-fra-1.20261128.0051")
                .setCluster("oci-fra-1")
                .setGroupKey("cluster=oci-fra-1,service=market-data")
                .setTitle("")
                .setSeverity(Severity.LOW)
                .setStage(Stage.RECOVERED)
                .setServices(List.of("market-data"))
                .setOpenedAt(at("07:00:00"))
                .setUpdatedAt(at("07:20:00"))
                .setClosed(false)
                .setReopens(0)
                .setVersion(5)
                // every field set: Avro's builder deep-copies unset defaults, which loads classes by name
                .setRootCauses(List.of())
                .setRcaSource(null)
                .setSuspectChanges(List.of())
                .setBurn(List.of())
                .setActionItems(List.of())
                .setPagedReceivers(List.of())
                .setAcknowledgedAt(null)
                .setMitigatedAt(null)
                .setResolvedAt(null)
                .setSignals(List.of(signal("fp-md", SignalSource.ALERTMANAGER, "market-data", "MarketDataStale",
                        Severity.LOW, 4, "07:00:00", "07:10:00")))
                .setTimeline(List.of(
                        transition("07:00:00", Stage.SIGNAL_DETECTED, "alert MarketDataStale firing", "alertmanager"),
                        transition("07:00:30", Stage.ALERT_FIRED, "severity LOW: dashboard only", "firebreak"),
                        transition("07:17:00", Stage.RECOVERED, "all alerts resolved for 5m", "firebreak")))
                .setFirstSignalAt(at("07:00:00"))
                .setAlertFiredAt(at("07:00:30"))
                .setRecoveredAt(at("07:17:00"))
                .build();
    }

    private static Map<String, Double> rates() {
        Map<String, Double> rates = new LinkedHashMap<>();
        rates.put("5m", 21.0);
        rates.put("1h", 14.9);
        return rates;
    }

    private static TimelineEntry transition(String time, Stage stage, String cause, String actor) {
        return entry(time, stage, "transition", cause, actor);
    }

    private static TimelineEntry entry(String time, Stage stage, String kind, String cause, String actor) {
        return TimelineEntry.newBuilder().setAt(at(time)).setStage(stage).setKind(kind).setCause(cause).setActor(actor)
                .setEvidence(List.of()).build();
    }

    private static SignalRef signal(String fingerprint, SignalSource source, String service, String alertName,
                                    Severity severity, int count, String firstSeen, String lastSeen) {
        return SignalRef.newBuilder()
                .setFingerprint(fingerprint).setSource(source).setService(service).setAlertName(alertName)
                .setStatus(SignalStatus.RESOLVED).setSeverity(severity).setSummary(alertName + " on " + service)
                .setCount(count).setFirstSeen(at(firstSeen)).setLastSeen(at(lastSeen))
                .setLabels(Map.of("cluster", "oci-fra-1", "service", service))
                .build();
    }
}
