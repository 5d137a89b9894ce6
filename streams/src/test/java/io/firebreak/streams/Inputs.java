package io.firebreak.streams;

import io.firebreak.events.BurnRate;
import io.firebreak.events.ChangeEvent;
import io.firebreak.events.ChangeKind;
import io.firebreak.events.LifecycleAction;
import io.firebreak.events.LifecycleCommand;
import io.firebreak.events.Postmortem;
import io.firebreak.events.RcaReport;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Test inputs other than signals, shaped like ingest's mappings. */
final class Inputs {

    private static final AtomicInteger IDS = new AtomicInteger();

    private Inputs() {
    }

    static LifecycleCommand command(String incidentId, LifecycleAction action, String actor, String note, Instant at) {
        return LifecycleCommand.newBuilder().setId("cmd-" + IDS.incrementAndGet()).setIncidentId(incidentId)
                .setCluster(incidentId.substring(0, incidentId.indexOf(".2"))).setAction(action).setActor(actor)
                .setOrigin("api").setNote(note).setAt(at).build();
    }

    static ChangeEvent deployment(String cluster, String service, String version, Instant at) {
        return ChangeEvent.newBuilder().setId("chg-" + service + "-" + version + "-" + at.toEpochMilli()).setCluster(cluster)
                .setService(service).setKind(ChangeKind.DEPLOYMENT).setVersion(version).setAuthor("ci-pipeline")
                .setUrl("https://ci.example.internal/" + service).setSource("api").setAt(at).setReceivedAt(at).build();
    }

    static BurnRate burn(String slo, String service, double fiveMinutes, double oneHour, Instant at) {
        return BurnRate.newBuilder().setSlo(slo).setService(service).setObjective(0.999).setBudgetRemaining(0.62)
                .setRates(Map.of("5m", fiveMinutes, "1h", oneHour)).setAlert(fiveMinutes > 14.4 ? "page" : "none").setAt(at).build();
    }

    static RcaReport coroot(String cluster, String service, String summary, Instant at) {
        return RcaReport.newBuilder().setId("coroot:p1:" + service + ":" + at.toEpochMilli()).setCluster(cluster).setService(service)
                .setSource("coroot").setSummary(summary).setCandidates(List.of()).setDependencies(List.of())
                .setDetailsUrl("https://coroot.example.internal/p/p1/incidents?incident=q1").setAt(at).build();
    }

    static Postmortem postmortem(String incidentId, String cluster, Instant at) {
        return Postmortem.newBuilder().setIncidentId(incidentId).setCluster(cluster).setTitle("postmortem " + incidentId)
                .setStartedAt(at).setGeneratedAt(at).build();
    }
}
