package io.firebreak.postmortem;

import static io.firebreak.postmortem.ScriptedIncidents.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.events.Incident;
import io.firebreak.events.LogQuery;
import io.firebreak.events.Postmortem;
import io.firebreak.events.RootCauseCandidate;
import io.firebreak.events.SignalRef;
import io.firebreak.events.Stage;
import io.firebreak.events.TimelineEntry;
import io.firebreak.postmortem.render.Durations;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PostmortemBuilderTest {

    private final PostmortemBuilder builder = new PostmortemBuilder(ScriptedIncidents.SETTINGS, ScriptedIncidents.CLOCK);

    @Test
    void measuresEveryMttxFromTheFirstSignalInWholeSeconds() {
        Postmortem postmortem = builder.build(ScriptedIncidents.criticalThroughAllStages(), 2);

        // 08:57:03 → 08:58:15 alert fired, → 09:01:03 acknowledged, → 09:12:33 mitigated, → 09:27:03 recovered
        assertThat(postmortem.getMttdSeconds()).isEqualTo(72L);
        assertThat(postmortem.getMttaSeconds()).isEqualTo(240L);
        assertThat(postmortem.getMttmSeconds()).isEqualTo(930L);
        assertThat(postmortem.getMttrSeconds()).isEqualTo(1800L);
        assertThat(Durations.human(Duration.ofSeconds(240))).isEqualTo("4m");
        assertThat(Durations.human(Duration.ofSeconds(930))).isEqualTo("15m 30s");
        assertThat(postmortem.getStartedAt()).isEqualTo(at("08:57:03"));
        assertThat(postmortem.getEndedAt()).isEqualTo(at("09:27:03"));
        assertThat(postmortem.getGeneratedAt()).isEqualTo(at("09:45:00"));
        assertThat(postmortem.getRevision()).isEqualTo(2);
    }

    @Test
    void lowIncidentThatWasNeverPagedHasNoMttaOrMttmRatherThanZero() {
        Postmortem postmortem = builder.build(ScriptedIncidents.lowNeverPaged());

        assertThat(postmortem.getMttdSeconds()).isEqualTo(30L);
        assertThat(postmortem.getMttaSeconds()).isNull();
        assertThat(postmortem.getMttmSeconds()).isNull();
        assertThat(postmortem.getMttrSeconds()).isEqualTo(17 * 60L);
        assertThat(Mttx.of(postmortem).mttaSeconds()).isEqualTo(OptionalLong.empty());
        assertThat(Durations.human(Mttx.of(postmortem).mttaSeconds())).isEqualTo("n/a");
    }

    @Test
    void keepsTheFullTimelineOfAllNineStagesInTimeOrder() {
        Postmortem postmortem = builder.build(ScriptedIncidents.criticalThroughAllStages());

        assertThat(postmortem.getTimeline()).extracting(TimelineEntry::getStage).filteredOn(s -> s != null)
                .containsExactly(Stage.values());
        assertThat(postmortem.getTimeline()).extracting(TimelineEntry::getAt).isSorted();
        assertThat(postmortem.getTimeline()).hasSize(11);
    }

    @Test
    void mergesSignalsWithTheSameFingerprintAndAddsTheirCounts() {
        Postmortem postmortem = builder.build(ScriptedIncidents.criticalThroughAllStages());

        assertThat(postmortem.getSignals()).extracting(SignalRef::getFingerprint)
                .containsExactly("fp-latency", "fp-risk", "fp-slo");
        SignalRef latency = postmortem.getSignals().get(0);
        assertThat(latency.getCount()).isEqualTo(5);
        assertThat(latency.getFirstSeen()).isEqualTo(at("08:57:03"));
        assertThat(latency.getLastSeen()).isEqualTo(at("09:20:00"));
    }

    @Test
    void ranksRootCausesBestFirst() {
        Postmortem postmortem = builder.build(ScriptedIncidents.criticalThroughAllStages());

        assertThat(postmortem.getRootCauses()).extracting(RootCauseCandidate::getService)
                .containsExactly("risk-service", "trade-engine");
    }

    @Test
    void templatesTheSeedLogQueriesForEveryServiceOfTheIncident() {
        Postmortem postmortem = builder.build(ScriptedIncidents.criticalThroughAllStages());

        assertThat(postmortem.getLogQueries()).extracting(LogQuery::getLogql).containsExactly(
                "{service=\"trade-engine\"} |= \"REJECTED\"",
                "{service=\"trade-engine\"} | json | latency_ms > 10",
                "{service=\"trade-engine\"} |= \"RISK_LIMIT\"",
                "{service=\"trade-engine\"} |~ \"ERROR|REJECTED\"",
                "{service=\"risk-service\"} |= \"REJECTED\"",
                "{service=\"risk-service\"} | json | latency_ms > 10",
                "{service=\"risk-service\"} |= \"RISK_LIMIT\"",
                "{service=\"risk-service\"} |~ \"ERROR|REJECTED\"");
        // window 08:57:03 − 15m = 08:42:03 (1795855323 s) .. 09:27:03 + 15m = 09:42:03 (1795858923 s)
        assertThat(postmortem.getLogQueries().get(0).getQueryRangeUrl()).isEqualTo(
                "http://loki:3100/loki/api/v1/query_range?query=%7Bservice%3D%22trade-engine%22%7D%20%7C%3D%20%22REJECTED%22"
                        + "&start=1795855323000000000&end=1795858923000000000&limit=20&direction=backward");
        assertThat(postmortem.getLogQueries().get(0).getExploreUrl())
                .startsWith("https://grafana.example.internal/explore?schemaVersion=1&orgId=1&panes=")
                .contains("%22range%22%3A%7B%22from%22%3A%221795855323000%22%2C%22to%22%3A%221795858923000%22%7D");
    }

    @Test
    void withoutLokiOrGrafanaTheQueriesHaveNoLinks() {
        Postmortem postmortem = new PostmortemBuilder(ScriptedIncidents.WITHOUT_LOKI, ScriptedIncidents.CLOCK)
                .build(ScriptedIncidents.lowNeverPaged());

        assertThat(postmortem.getLogQueries()).hasSize(4).allSatisfy(q -> {
            assertThat(q.getExploreUrl()).isNull();
            assertThat(q.getQueryRangeUrl()).isNull();
            assertThat(q.getLines()).isEmpty();
        });
    }

    @Test
    void anIncidentStillOpenEndsNowAndSaysItIsOngoing() {
        Incident open = ScriptedIncidents.lowNeverPaged();
        open.setRecoveredAt(null);
        open.setStage(Stage.ALERT_FIRED);
        open.setTimeline(List.of(open.getTimeline().get(0), open.getTimeline().get(1)));

        Postmortem postmortem = builder.build(open);

        assertThat(postmortem.getEndedAt()).isNull();
        assertThat(postmortem.getMttrSeconds()).isNull();
        assertThat(postmortem.getSummary()).contains("still ongoing");
    }

    @Test
    void fallsBackToTheTimelineWhenAStageTimestampFieldIsMissing() {
        Incident incident = ScriptedIncidents.lowNeverPaged();
        incident.setRecoveredAt(null);

        assertThat(builder.build(incident).getMttrSeconds()).isEqualTo(17 * 60L);
    }

    @Test
    void escapesQuotesInServiceNamesAndSkipsServicesWithLineBreaks() {
        Incident incident = ScriptedIncidents.lowNeverPaged();
        incident.setServices(List.of("we\"ird", "bad\nservice"));

        List<LogQuery> queries = builder.build(incident).getLogQueries();

        assertThat(queries).hasSize(4);
        assertThat(queries.get(0).getLogql()).isEqualTo("{service=\"we\\\"ird\"} |= \"REJECTED\"");
    }
}
