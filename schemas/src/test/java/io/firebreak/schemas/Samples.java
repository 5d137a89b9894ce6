package io.firebreak.schemas;

import io.firebreak.events.ActionItem;
import io.firebreak.events.BurnRate;
import io.firebreak.events.BurnSnapshot;
import io.firebreak.events.ChangeEvent;
import io.firebreak.events.ChangeKind;
import io.firebreak.events.DeliveryReceipt;
import io.firebreak.events.Incident;
import io.firebreak.events.LifecycleAction;
import io.firebreak.events.LifecycleCommand;
import io.firebreak.events.LogQuery;
import io.firebreak.events.LogRecord;
import io.firebreak.events.Notification;
import io.firebreak.events.NotificationKind;
import io.firebreak.events.Postmortem;
import io.firebreak.events.RcaReport;
import io.firebreak.events.RootCauseCandidate;
import io.firebreak.events.ServiceEdge;
import io.firebreak.events.Severity;
import io.firebreak.events.Signal;
import io.firebreak.events.SignalRef;
import io.firebreak.events.SignalSource;
import io.firebreak.events.SignalStatus;
import io.firebreak.events.Stage;
import io.firebreak.events.SuspectChange;
import io.firebreak.events.TimelineEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One realistic value of every event type: a trade-engine latency storm on cluster oci-fra-1, from the
 * first alert to the postmortem. Timestamps carry milliseconds only, as Avro's timestamp-millis keeps them.
 */
public final class Samples {

    public static final String CLUSTER = "oci-fra-1";
    public static final String INCIDENT_ID = "oci-fra-1.20261128.0042";
    public static final Instant FIRED = Instant.parse("2026-11-28T03:12:45.123Z");

    private Samples() {
    }

    public static Signal signal() {
        return Signal.newBuilder()
                .setId("sig-7f3a9c")
                .setFingerprint("c0ffee42d00d")
                .setSource(SignalSource.ALERTMANAGER)
                .setStatus(SignalStatus.FIRING)
                .setSeverity(Severity.CRITICAL)
                .setCluster(CLUSTER)
                .setService("trade-engine")
                .setAlertName("TradeExecutionLatencyHigh")
                .setSummary("p99 trade execution latency 42ms > 10ms")
                .setDescription("Trade execution latency SLO burning at 14.4x over 1h")
                .setLabels(Map.of("alertname", "TradeExecutionLatencyHigh", "cluster", CLUSTER, "service", "trade-engine",
                        "severity", "critical"))
                .setAnnotations(Map.of("runbook_url", "https://runbooks.example/trade-latency"))
                .setStartsAt(FIRED)
                .setEndsAt(null)
                .setReceivedAt(FIRED.plusMillis(850))
                .setGeneratorUrl("http://prometheus:9090/graph?g0.expr=trade_latency")
                .setRunbookUrl("https://runbooks.example/trade-latency")
                .setReceiver("firebreak")
                .setGroupKey("{}:{alertname=\"TradeExecutionLatencyHigh\"}")
                .setSlo("trade_execution_latency")
                .build();
    }

    public static ChangeEvent changeEvent() {
        return ChangeEvent.newBuilder()
                .setId("chg-2291")
                .setCluster(CLUSTER)
                .setService("risk-service")
                .setKind(ChangeKind.DEPLOYMENT)
                .setVersion("v2.14.0")
                .setPreviousVersion("v2.13.4")
                .setAuthor("argocd")
                .setUrl("https://argo.example/applications/risk-service")
                .setDescription("rollout risk-service v2.14.0")
                .setSource("argo")
                .setAt(FIRED.minusSeconds(420))
                .setReceivedAt(FIRED.minusSeconds(419))
                .build();
    }

    public static RcaReport rcaReport() {
        return RcaReport.newBuilder()
                .setId("rca-5510")
                .setCluster(CLUSTER)
                .setService("trade-engine")
                .setSource("coroot")
                .setIncidentId(INCIDENT_ID)
                .setFingerprint("c0ffee42d00d")
                .setSummary("risk-service latency after deployment v2.14.0")
                .setCandidates(List.of(rootCause()))
                .setDependencies(List.of(new ServiceEdge("trade-engine", "risk-service"), new ServiceEdge("risk-service", "postgres-main")))
                .setDetailsUrl("https://coroot.example/p/default/incidents/5510")
                .setAt(FIRED.plusSeconds(30))
                .build();
    }

    public static LogRecord logRecord() {
        return LogRecord.newBuilder()
                .setService("trade-engine")
                .setCluster(CLUSTER)
                .setAt(FIRED.minusMillis(12))
                .setLevel("ERROR")
                .setMessage("order rejected: risk check timed out")
                .setStatus("REJECTED")
                .setLatencyMs(42.7)
                .setTraceId("4bf92f3577b34da6a3ce929d0e0e4736")
                .setFields(Map.of("orderId", "o-99812", "venue", "XETRA"))
                .build();
    }

    public static BurnRate burnRate() {
        return BurnRate.newBuilder()
                .setSlo("trade_execution_latency")
                .setService("trade-engine")
                .setCluster(CLUSTER)
                .setObjective(99.9)
                .setPeriodSeconds(2_592_000L)
                .setBudgetRemaining(0.62)
                .setRates(Map.of("5m", 16.2, "1h", 14.9, "6h", 3.1))
                .setGoodEvents(998_210L)
                .setTotalEvents(1_000_000L)
                .setAlert("page")
                .setAt(FIRED)
                .build();
    }

    public static LifecycleCommand lifecycleCommand() {
        return LifecycleCommand.newBuilder()
                .setId("cmd-81")
                .setIncidentId(INCIDENT_ID)
                .setCluster(CLUSTER)
                .setAction(LifecycleAction.ACTION_ITEM)
                .setActor("alice@example.com")
                .setOrigin("slack")
                .setNote("add a timeout budget to risk checks")
                .setOwner("team-risk")
                .setDue("2026-12-05")
                .setAt(FIRED.plusSeconds(3600))
                .build();
    }

    public static Incident incident() {
        return Incident.newBuilder()
                .setId(INCIDENT_ID)
                .setCluster(CLUSTER)
                .setGroupKey("cluster=oci-fra-1,service=trade-engine")
                .setTitle("TradeExecutionLatencyHigh on trade-engine")
                .setSeverity(Severity.CRITICAL)
                .setStage(Stage.WAR_ROOM_OPEN)
                .setServices(List.of("trade-engine", "risk-service"))
                .setOpenedAt(FIRED)
                .setUpdatedAt(FIRED.plusSeconds(90))
                .setClosed(false)
                .setReopens(1)
                .setVersion(7L)
                .setSignals(List.of(signalRef()))
                .setRootCauses(List.of(rootCause()))
                .setRcaSource("coroot")
                .setSuspectChanges(List.of(suspectChange()))
                .setBurn(List.of(burnSnapshot()))
                .setTimeline(timeline())
                .setActionItems(List.of(actionItem()))
                .setPagedReceivers(List.of("pagerduty"))
                .setFirstSignalAt(FIRED)
                .setAlertFiredAt(FIRED.plusMillis(850))
                .setAcknowledgedAt(FIRED.plusSeconds(240))
                .setMitigatedAt(null)
                .setRecoveredAt(null)
                .setResolvedAt(null)
                .build();
    }

    public static Notification notification() {
        return Notification.newBuilder()
                .setId("ntf-" + INCIDENT_ID + "-pagerduty-1")
                .setIncidentId(INCIDENT_ID)
                .setChannel("pagerduty")
                .setReceiver("pagerduty")
                .setKind(NotificationKind.TRIGGER)
                .setSeverity(Severity.CRITICAL)
                .setStage(Stage.PAGED)
                .setCluster(CLUSTER)
                .setServices(List.of("trade-engine", "risk-service"))
                .setTitle("[CRITICAL] TradeExecutionLatencyHigh on trade-engine")
                .setSummary("p99 latency 42ms > 10ms; risk-service deployed v2.14.0 7 min earlier")
                .setSource("alertmanager")
                .setAlertClass("latency")
                .setRootCause("risk-service (score 0.87)")
                .setBurnSummary("trade_execution_latency: 14.9x over 1h, 62% budget left")
                .setIncidentUrl("http://localhost:8080/#/incidents/" + INCIDENT_ID)
                .setRunbookUrl("https://runbooks.example/trade-latency")
                .setDetails(Map.of("cluster", CLUSTER))
                .setIncidentVersion(3L)
                .setAt(FIRED.plusSeconds(5))
                .setAttempts(2)
                .setFailureReason(null)
                .build();
    }

    public static DeliveryReceipt deliveryReceipt() {
        return DeliveryReceipt.newBuilder()
                .setNotificationId("ntf-" + INCIDENT_ID + "-slack-1")
                .setIncidentId(INCIDENT_ID)
                .setChannel("slack")
                .setReceiver("slack-war-room")
                .setKind(NotificationKind.UPDATE)
                .setOutcome("delivered")
                .setHttpStatus(200)
                .setRef("C024BE91L:1732763570.000200")
                .setAttempts(1)
                .setError(null)
                .setAt(FIRED.plusSeconds(6))
                .build();
    }

    public static Postmortem postmortem() {
        return Postmortem.newBuilder()
                .setIncidentId(INCIDENT_ID)
                .setCluster(CLUSTER)
                .setTitle("Trade execution latency after risk-service v2.14.0")
                .setSummary("A risk-service rollout doubled risk-check latency; trades were rejected for 23 minutes.")
                .setSeverity(Severity.CRITICAL)
                .setServices(List.of("trade-engine", "risk-service"))
                .setStartedAt(FIRED)
                .setEndedAt(FIRED.plusSeconds(23 * 60))
                .setMttdSeconds(1L)
                .setMttaSeconds(240L)
                .setMttmSeconds(900L)
                .setMttrSeconds(1380L)
                .setTimeline(timeline())
                .setSignals(List.of(signalRef()))
                .setRootCauses(List.of(rootCause()))
                .setSuspectChanges(List.of(suspectChange()))
                .setBurn(List.of(burnSnapshot()))
                .setLogQueries(List.of(LogQuery.newBuilder()
                        .setName("errors")
                        .setLogql("{service=\"trade-engine\"} |~ \"ERROR|REJECTED\"")
                        .setExploreUrl("http://grafana:3000/explore?left=...")
                        .setQueryRangeUrl("http://loki:3100/loki/api/v1/query_range?query=...")
                        .setLines(List.of("03:12:44 ERROR order rejected: risk check timed out"))
                        .build()))
                .setActionItems(List.of(actionItem()))
                .setMarkdown("# Trade execution latency\n\n## Timeline\n...")
                .setGeneratedAt(FIRED.plusSeconds(1500))
                .setRevision(2)
                .build();
    }

    private static SignalRef signalRef() {
        return SignalRef.newBuilder()
                .setFingerprint("c0ffee42d00d")
                .setSource(SignalSource.ALERTMANAGER)
                .setService("trade-engine")
                .setAlertName("TradeExecutionLatencyHigh")
                .setStatus(SignalStatus.FIRING)
                .setSeverity(Severity.CRITICAL)
                .setSummary("p99 trade execution latency 42ms > 10ms")
                .setFlapping(false)
                .setFlips(1)
                .setCount(3)
                .setFirstSeen(FIRED)
                .setLastSeen(FIRED.plusSeconds(60))
                .setLabels(Map.of("alertname", "TradeExecutionLatencyHigh"))
                .build();
    }

    private static RootCauseCandidate rootCause() {
        return new RootCauseCandidate("risk-service", 0.87,
                List.of("most upstream alerting dependency", "deployed v2.14.0 7 min before the first alert"));
    }

    private static SuspectChange suspectChange() {
        return SuspectChange.newBuilder()
                .setChangeId("chg-2291")
                .setService("risk-service")
                .setKind(ChangeKind.DEPLOYMENT)
                .setVersion("v2.14.0")
                .setAuthor("argocd")
                .setUrl("https://argo.example/applications/risk-service")
                .setAt(FIRED.minusSeconds(420))
                .build();
    }

    private static BurnSnapshot burnSnapshot() {
        return new BurnSnapshot("trade_execution_latency", "trade-engine", Map.of("1h", 14.9, "5m", 16.2), 0.62);
    }

    private static ActionItem actionItem() {
        return new ActionItem("ai-1", "add a timeout budget to risk checks", "team-risk", "2026-12-05", "open");
    }

    private static List<TimelineEntry> timeline() {
        return List.of(
                new TimelineEntry(FIRED, Stage.SIGNAL_DETECTED, "transition", "alert TradeExecutionLatencyHigh firing", "alertmanager", List.of()),
                new TimelineEntry(FIRED.plusSeconds(5), Stage.PAGED, "transition", "CRITICAL routed to pagerduty", "firebreak", List.of("route 1")),
                new TimelineEntry(FIRED.plusSeconds(240), null, "note", "looking at risk-service", "alice@example.com", List.of()));
    }
}
