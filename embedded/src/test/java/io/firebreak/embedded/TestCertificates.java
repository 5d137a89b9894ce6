package io.firebreak.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away certificate authority and a server certificate it signed for 127.0.0.1 and localhost, made with the
 * JDK's {@code keytool} (no extra library): what a TLS test needs to prove a client trusts exactly the CA it is given.
 *
 * @param trustStore PKCS12 holding only the CA certificate
 * @param keyStore   PKCS12 holding the server key and its chain (server certificate, CA)
 * @param password   of both stores
 */
public record TestCertificates(Path trustStore, Path keyStore, String password) {

    /** Writes the CA and the server's stores into {@code dir} (about a second of key generation). */
    public static TestCertificates create(Path dir) {
        String password = "test-store-" + Long.toHexString(System.nanoTime());
        String[] store = {"-storetype", "PKCS12", "-storepass", password};
        String ca = dir.resolve("ca.p12").toString();
        keytool(store, "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-dname", "CN=firebreak test CA", "-ext", "bc:c", "-validity", "2", "-keystore", ca);
        String caPem = dir.resolve("ca.pem").toString();
        keytool(store, "-exportcert", "-rfc", "-alias", "ca", "-keystore", ca, "-file", caPem);

        Path keyStore = dir.resolve("server.p12");
        String server = keyStore.toString();
        keytool(store, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-dname", "CN=localhost", "-validity", "2", "-keystore", server);
        String request = dir.resolve("server.csr").toString();
        keytool(store, "-certreq", "-alias", "server", "-keystore", server, "-file", request);
        String signed = dir.resolve("server.pem").toString();
        keytool(store, "-gencert", "-rfc", "-alias", "ca", "-keystore", ca, "-infile", request, "-outfile", signed,
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-ext", "eku=serverAuth", "-validity", "2");
        // the chain, CA first, so the server presents its certificate with the issuer a client trusts
        keytool(store, "-importcert", "-noprompt", "-alias", "ca", "-keystore", server, "-file", caPem);
        keytool(store, "-importcert", "-noprompt", "-alias", "server", "-keystore", server, "-file", signed);

        Path trustStore = dir.resolve("truststore.p12");
        keytool(store, "-importcert", "-noprompt", "-alias", "ca", "-keystore", trustStore.toString(), "-file", caPem);
        return new TestCertificates(trustStore, keyStore, password);
    }

    private static void keytool(String[] store, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of(store));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + args[0] + " failed: " + new String(output));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
