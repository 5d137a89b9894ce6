package io.firebreak.ingest.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardClientExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.firebreak.events.LifecycleCommand;
import io.firebreak.ingest.Ingest;
import io.firebreak.ingest.IngestSettings;
import io.firebreak.ingest.IngestSettingsBuilder;
import io.firebreak.ingest.RecordingSink;
import io.firebreak.ingest.TestHttp;
import io.firebreak.ingest.auth.ApiToken;
import io.firebreak.ingest.auth.RequiresScope;
import io.firebreak.ingest.auth.Scope;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Named, scoped tokens on a real Jetty: each scope opens only its endpoints, rotation, and the token as the actor. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ScopedTokensTest {

    private static final String INCIDENT = "oci-fra-1.20261128.0042";
    private static final String CHANGE = "{\"service\":\"trade-engine\"}";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RecordingSink SINK = new RecordingSink();
    /** A stopped clock and a budget of two requests per token name: the third request of one name is always 429. */
    static final DropwizardClientExtension APP = new DropwizardClientExtension(new Ingest(
            IngestSettingsBuilder.of(List.of(
                            new ApiToken("alertmanager", "am-secret", Set.of(Scope.INGEST)),
                            new ApiToken("fluent-bit", "fb-old", Set.of(Scope.INGEST)),
                            new ApiToken("fluent-bit", "fb-new", Set.of(Scope.INGEST)),
                            new ApiToken("ci-bot", "ci-secret", Set.of(Scope.ACTIONS)),
                            new ApiToken("grafana", "read-secret", Set.of(Scope.READ)),
                            new ApiToken("ops", "ops-secret", Set.of(Scope.INGEST, Scope.READ))),
                    64 * 1024, Duration.ofSeconds(1)).rateLimit(new IngestSettings.RateLimit(0.1, 2)).build(),
            SINK, new PrometheusRegistry(), Clock.fixed(Instant.parse("2026-11-28T09:00:00Z"), ZoneOffset.UTC)).feature(), new ReadProbe());

    private final TestHttp http = new TestHttp(APP.baseUri().toString());

    @BeforeEach
    void reset() {
        SINK.reset();
    }

    @Test
    void aTokenWithoutTheEndpointsScopeIs403AndWritesNothing() throws Exception {
        HttpResponse<String> readToken = http.post("/v1/changes", CHANGE, TestHttp.json("read-secret"));
        HttpResponse<String> actionsToken = http.post("/v1/changes", CHANGE, TestHttp.json("ci-secret"));
        HttpResponse<String> ingestToken = http.post("/v1/incidents/" + INCIDENT + "/actions", "{\"action\":\"ack\"}",
                TestHttp.json("am-secret"));

        assertRefused(readToken, 403, "insufficient_scope");
        assertThat(readToken.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).contains("insufficient_scope", "scope=\"ingest\""));
        assertRefused(actionsToken, 403, "insufficient_scope");
        assertRefused(ingestToken, 403, "insufficient_scope");
        assertThat(SINK.written()).isEmpty();
        assertThat(http.post("/v1/changes", CHANGE, TestHttp.json("am-secret")).statusCode()).isEqualTo(202);
    }

    @Test
    void noTokenOrAWrongOneIs401() throws Exception {
        assertRefused(http.post("/v1/changes", CHANGE, Map.of("Content-Type", "application/json")), 401, "missing_token");
        assertRefused(http.post("/v1/changes", CHANGE, TestHttp.json("am-secretx")), 401, "invalid_token");
        assertThat(SINK.written()).isEmpty();
    }

    @Test
    void twoTokensWithOneNameAreOneSenderDuringARotationAndShareItsBudget() throws Exception {
        assertThat(http.post("/v1/changes", CHANGE, TestHttp.json("fb-old")).statusCode()).isEqualTo(202);
        assertThat(http.post("/v1/changes", CHANGE, TestHttp.json("fb-new")).statusCode()).isEqualTo(202);

        assertRefused(http.post("/v1/changes", CHANGE, TestHttp.json("fb-old")), 429, "rate_limited");
    }

    @Test
    void theRecordedActorIsTheTokensNameAndTheBodysActorOnlyAClaim() throws Exception {
        HttpResponse<String> claimed = http.post("/v1/incidents/" + INCIDENT + "/actions", "{\"action\":\"ack\",\"actor\":\"alice\"}",
                TestHttp.json("ci-secret"));
        HttpResponse<String> unclaimed = http.post("/v1/incidents/" + INCIDENT + "/actions", "{\"action\":\"mitigate\"}",
                TestHttp.json("ci-secret"));

        assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(202);
        assertThat(unclaimed.statusCode()).as(unclaimed.body()).isEqualTo(202);
        assertThat(SINK.written()).extracting(record -> ((LifecycleCommand) record.value()).getActor())
                .containsExactly("ci-bot (claims: alice)", "ci-bot");
    }

    @Test
    void readsSpendTheReadTokensOwnBudget() throws Exception {
        assertThat(http.get(ReadProbe.PATH, "read-secret").statusCode()).isEqualTo(200);
        assertThat(http.get(ReadProbe.PATH, "read-secret").statusCode()).isEqualTo(200);

        HttpResponse<String> third = http.get(ReadProbe.PATH, "read-secret");
        assertRefused(third, 429, "rate_limited");
        assertThat(third.headers().firstValue("Retry-After")).isPresent();
        assertRefused(http.get(ReadProbe.PATH, "read-secretx"), 401, "invalid_token");
    }

    @Test
    void aTokenThatBothSendsAndReadsHasABudgetPerScopeSoAStormLeavesItsReadsAlone() throws Exception {
        assertThat(http.post("/v1/changes", CHANGE, TestHttp.json("ops-secret")).statusCode()).isEqualTo(202);
        assertThat(http.post("/v1/changes", CHANGE, TestHttp.json("ops-secret")).statusCode()).isEqualTo(202);
        assertRefused(http.post("/v1/changes", CHANGE, TestHttp.json("ops-secret")), 429, "rate_limited");

        assertThat(http.get(ReadProbe.PATH, "ops-secret").statusCode()).isEqualTo(200);
        assertThat(http.get(ReadProbe.PATH, "ops-secret").statusCode()).isEqualTo(200);
        assertRefused(http.get(ReadProbe.PATH, "ops-secret"), 429, "rate_limited");
    }

    /** A read route as the app registers them: the same token check guards it, whichever module owns it. */
    @Path(ReadProbe.PATH)
    @RequiresScope(Scope.READ)
    public static final class ReadProbe {

        static final String PATH = "/v1/probe";

        @GET
        public String read() {
            return "{}";
        }
    }

    private static void assertRefused(HttpResponse<String> response, int status, String error) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("error").asText()).isEqualTo(error);
    }
}
