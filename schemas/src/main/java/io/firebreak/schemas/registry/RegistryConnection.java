package io.firebreak.schemas.registry;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * How to reach a Schema Registry: its URLs (tried in order, the next one when a registry is unreachable), the
 * {@code Authorization} header of every call, the TLS context for {@code https} URLs and which id serializers write.
 * {@link #toString()} never shows the credentials.
 */
public record RegistryConnection(List<URI> urls, Optional<String> authorization, Optional<SSLContext> tls, SchemaRegistration registration) {

    public RegistryConnection {
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("a schema registry needs at least one URL");
        }
        urls = urls.stream().map(url -> url.toString().endsWith("/") ? url : URI.create(url + "/")).toList();
    }

    /** One URL, no credentials, the JDK's default trust, schemas registered on first use. */
    public static RegistryConnection of(String url) {
        return new RegistryConnection(List.of(URI.create(url)), Optional.empty(), Optional.empty(), SchemaRegistration.AUTO_REGISTER);
    }

    public RegistryConnection withBasicAuth(String username, String password) {
        String pair = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new RegistryConnection(urls, Optional.of("Basic " + pair), tls, registration);
    }

    public RegistryConnection withBearerToken(String token) {
        return new RegistryConnection(urls, Optional.of("Bearer " + token), tls, registration);
    }

    public RegistryConnection withTls(SSLContext context) {
        return new RegistryConnection(urls, authorization, Optional.of(context), registration);
    }

    public RegistryConnection withRegistration(SchemaRegistration policy) {
        return new RegistryConnection(urls, authorization, tls, policy);
    }

    /**
     * A TLS context trusting the certificates in {@code trustStore} and, when {@code keyStore} is given, presenting its
     * key (mutual TLS). Store types are guessed from the file (PKCS12 or JKS).
     */
    public static SSLContext tlsContext(Path trustStore, String trustStorePassword, Optional<Path> keyStore, String keyStorePassword) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(load(trustStore, trustStorePassword));
            KeyManagerFactory keys = null;
            if (keyStore.isPresent()) {
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(load(keyStore.get(), keyStorePassword), keyStorePassword.toCharArray());
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            // the message names the file, never the password
            throw new IllegalArgumentException("cannot use the schema registry trust/key store " + trustStore + keyStore.map(k -> ", " + k).orElse("")
                    + ": " + e.getClass().getSimpleName() + " " + e.getMessage(), e);
        }
    }

    private static KeyStore load(Path file, String password) throws GeneralSecurityException, IOException {
        return KeyStore.getInstance(file.toFile(), password.toCharArray());
    }

    @Override
    public String toString() {
        return "RegistryConnection[urls=" + urls + ", authorization=" + authorization.map(a -> a.substring(0, a.indexOf(' ')) + " <redacted>").orElse("none")
                + ", tls=" + tls.map(t -> "custom").orElse("default") + ", registration=" + registration + "]";
    }
}
