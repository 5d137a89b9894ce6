package io.firebreak.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.firebreak.embedded.EmbeddedCluster;
import io.firebreak.embedded.FreePort;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** With {@code callbacks.port}, the internet-facing connector serves only the signed callbacks, and the others none of them. */
@ExtendWith(PrivateClusterExtension.class)
class CallbacksConnectorIT {

    private static final String TOKEN = "it-token-1";
    private static DropwizardTestSupport<FirebreakConfiguration> app;
    private static int callbacksPort;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start(EmbeddedCluster cluster, @TempDir Path stateDir) throws Exception {
        callbacksPort = FreePort.pick();
        app = TestApps.start("callbacks-connector-it.yml", cluster, stateDir, "callbacks-connector",
                ConfigOverride.config("server.applicationConnectors[1].port", Integer.toString(callbacksPort)),
                ConfigOverride.config("callbacks.port", Integer.toString(callbacksPort)));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.after();
        }
    }

    @Test
    void theCallbacksPortServesOnlyTheCallbacks() throws Exception {
        assertThat(send(callbacksPort, "GET", "/v1/incidents").statusCode()).as("reads are not on the callbacks port").isEqualTo(404);
        assertThat(send(callbacksPort, "POST", "/v1/alertmanager").statusCode()).as("nor are the senders' writes").isEqualTo(404);
        assertThat(send(callbacksPort, "GET", "/").statusCode()).as("nor the dashboard").isEqualTo(404);
        // reaches the resource, which checks the (missing) signature
        assertThat(send(callbacksPort, "POST", "/v1/callbacks/slack").statusCode()).isEqualTo(401);
    }

    @Test
    void theOtherPortsServeEverythingButTheCallbacks() throws Exception {
        assertThat(send(app.getLocalPort(), "POST", "/v1/callbacks/slack").statusCode()).isEqualTo(404);
        assertThat(send(app.getLocalPort(), "POST", "/v1/callbacks/pagerduty").statusCode()).isEqualTo(404);
        assertThat(send(app.getLocalPort(), "GET", "/v1/incidents").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> send(int port, String method, String path) throws Exception {
        boolean slack = path.endsWith("/slack");
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", slack ? "application/x-www-form-urlencoded" : "application/json")
                .method(method, "GET".equals(method) ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(slack ? "payload=%7B%7D" : "{}"))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
