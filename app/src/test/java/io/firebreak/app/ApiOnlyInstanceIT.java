package io.firebreak.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.DropwizardTestSupport;
import io.firebreak.embedded.EmbeddedCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An instance running only the read API still refuses reads without a read token and limits each token's reads
 * (ingest is what usually guards them).
 */
@ExtendWith(PrivateClusterExtension.class)
class ApiOnlyInstanceIT {

    private static DropwizardTestSupport<FirebreakConfiguration> app;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start(EmbeddedCluster cluster, @TempDir Path stateDir) throws Exception {
        app = TestApps.start("api-only-it.yml", cluster, stateDir, "api-only");
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.after();
        }
    }

    @Test
    void readsNeedAReadTokenWithoutTheIngestRoleToo() throws Exception {
        for (String path : List.of("/v1/incidents", "/v1/reports/mttx", "/metrics")) {
            assertThat(get(path, null).statusCode()).as("GET %s without a token", path).isEqualTo(401);
            assertThat(get(path, "it-read-token").statusCode()).as("GET %s with the read token", path).isEqualTo(200);
        }
    }

    @Test
    void readsOverTheTokensBudgetGet429WithRetryAfterWithoutTheIngestRoleToo() throws Exception {
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (int i = 0; i < 10; i++) { // burst 5 at 1 request/s: ten back to back cannot all fit
            answers.add(get("/v1/incidents", "it-probe-token"));
        }

        assertThat(answers).filteredOn(answer -> answer.statusCode() == 429).isNotEmpty()
                .allSatisfy(answer -> assertThat(answer.headers().firstValue("Retry-After")).hasValue("1"));
        assertThat(answers).allSatisfy(answer -> assertThat(answer.statusCode()).isIn(200, 429));
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.getLocalPort() + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
