package io.firebreak.ingest.coroot;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.events.RootCauseCandidate;
import io.firebreak.events.ServiceEdge;
import io.firebreak.schemas.TrustedPackages;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RcaExtractionTest {

    private static final String SUMMARY = "order-router and trade-engine latency is caused by slow responses from risk-service, "
            + "whose pods are CPU-throttled since deployment v2.15.0.";
    private static final List<String> REPORTS = List.of("error budget burn rate is 21x within 1 hour",
            "high CPU delay in risk-service containers", "* Roll back risk-service to v2.14.3");

    @BeforeAll
    static void trust() {
        TrustedPackages.trustEvents();
    }

    @Test
    void theServiceTheSummaryBlamesRanksAboveTheAffectedApp() {
        List<RootCauseCandidate> candidates = RcaExtraction.candidates("order-router", Optional.of(SUMMARY), REPORTS);

        assertThat(candidates).extracting(RootCauseCandidate::getService).startsWith("risk-service").contains("order-router");
        assertThat(candidates.get(0).getEvidence()).anySatisfy(e -> assertThat(e).contains("slow responses from risk-service"));
    }

    @Test
    void slowResponsesFromAServiceIsADependencyEdge() {
        assertThat(RcaExtraction.dependencies("order-router", List.of(SUMMARY)))
                .containsExactly(new ServiceEdge("order-router", "risk-service"));
    }

    @Test
    void aReportAboutAnotherServicesContainersNamesThatService() {
        List<RootCauseCandidate> candidates = RcaExtraction.candidates("order-router", Optional.empty(),
                List.of("high CPU delay in risk-service containers"));
        assertThat(candidates).extracting(RootCauseCandidate::getService).startsWith("risk-service");
    }
}
