package io.firebreak.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.firebreak.embedded.TestCertificates;
import io.firebreak.events.Signal;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credentials, TLS and fail-over of the registry client, against a JDK server that answers as the Confluent registry
 * documents it (register: {@code {"id":N}}; refused credentials: 401 with error code 40101).
 */
class RestSchemaRegistryClientAccessTest {

    private static final String SUBJECT = "signals-value";
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void sendsBasicAuthOnEveryCallAndReportsRefusedCredentials() throws IOException {
        String url = start(HttpServer.create(loopback(), 0), "Basic " + base64("firebreak:s3cret"));

        RestSchemaRegistryClient client = client(RegistryConnection.of(url).withBasicAuth("firebreak", "s3cret"));
        assertThat(client.register(SUBJECT, Signal.getClassSchema())).isEqualTo(7);

        RestSchemaRegistryClient wrong = client(RegistryConnection.of(url).withBasicAuth("firebreak", "guess"));
        assertThatThrownBy(() -> wrong.register(SUBJECT, Signal.getClassSchema()))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(401);
                    assertThat(e.retryable()).isFalse();
                })
                .hasMessageNotContaining("guess");
    }

    @Test
    void sendsABearerToken() throws IOException {
        String url = start(HttpServer.create(loopback(), 0), "Bearer t0ken");

        assertThat(client(RegistryConnection.of(url).withBearerToken("t0ken")).register(SUBJECT, Signal.getClassSchema())).isEqualTo(7);
        assertThat(authorizations).containsOnly("Bearer t0ken");
    }

    @Test
    void trustsTheConfiguredCertificateAuthority(@TempDir Path dir) throws Exception {
        TestCertificates certificates = TestCertificates.create(dir);
        HttpsServer https = HttpsServer.create(loopback(), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(RegistryConnection.tlsContext(certificates.keyStore(), certificates.password(),
                Optional.of(certificates.keyStore()), certificates.password())));
        String url = start(https, "Basic " + base64("firebreak:s3cret")).replace("http://", "https://");

        RegistryConnection connection = RegistryConnection.of(url).withBasicAuth("firebreak", "s3cret");
        RestSchemaRegistryClient trusting = client(connection.withTls(RegistryConnection.tlsContext(certificates.trustStore(),
                certificates.password(), Optional.empty(), "")));
        assertThat(trusting.register(SUBJECT, Signal.getClassSchema())).isEqualTo(7);

        // the JVM's default trust does not know the test CA: the handshake fails, nothing is sent
        assertThatThrownBy(() -> client(connection).register(SUBJECT, Signal.getClassSchema()))
                .isInstanceOf(SchemaRegistryUnavailableException.class);
    }

    @Test
    void failsOverToTheNextUrlWhenOneIsUnreachable() throws IOException {
        String url = start(HttpServer.create(loopback(), 0), "Basic " + base64("firebreak:s3cret"));
        RegistryConnection connection = new RegistryConnection(List.of(URI.create("http://127.0.0.1:" + closedPort()), URI.create(url)),
                Optional.empty(), Optional.empty(), SchemaRegistration.AUTO_REGISTER).withBasicAuth("firebreak", "s3cret");

        assertThat(client(connection).register(SUBJECT, Signal.getClassSchema())).isEqualTo(7);
    }

    @Test
    void neverShowsCredentials() {
        assertThat(RegistryConnection.of("http://registry:8081").withBasicAuth("firebreak", "s3cret").toString())
                .contains("Basic <redacted>").doesNotContain("s3cret", base64("firebreak:s3cret"));
        assertThat(RegistryConnection.of("http://registry:8081").withBearerToken("t0ken").toString()).doesNotContain("t0ken");
    }

    private String start(HttpServer http, String expectedAuthorization) {
        server = http;
        server.createContext("/", exchange -> answer(exchange, expectedAuthorization));
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void answer(HttpExchange exchange, String expectedAuthorization) throws IOException {
        exchange.getRequestBody().readAllBytes();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        authorizations.add(String.valueOf(authorization));
        boolean allowed = expectedAuthorization.equals(authorization);
        boolean register = exchange.getRequestMethod().equals("POST") && exchange.getRequestURI().getPath().equals("/subjects/" + SUBJECT + "/versions");
        String body = !allowed ? "{\"error_code\":40101,\"message\":\"Unauthorized\"}" : register ? "{\"id\":7}" : "{\"error_code\":404,\"message\":\"HTTP 404 Not Found\"}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", RestSchemaRegistryClient.CONTENT_TYPE);
        exchange.sendResponseHeaders(!allowed ? 401 : register ? 200 : 404, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static RestSchemaRegistryClient client(RegistryConnection connection) {
        return new RestSchemaRegistryClient(connection, Duration.ofSeconds(5), RestSchemaRegistryClient.DEFAULT_MAX_ANSWER_BYTES);
    }

    private static InetSocketAddress loopback() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String base64(String text) {
        return java.util.Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
