package io.firebreak.app.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.validation.ValidationMethod;
import io.firebreak.schemas.registry.RegistryConnection;
import io.firebreak.schemas.registry.SchemaRegistration;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code kafka.schemaRegistry:} — the registry's URLs, credentials (basic auth or a bearer token, through
 * {@code ${ENV}}), TLS trust and key stores, and whether firebreak registers its schemas itself.
 */
public class SchemaRegistryConfig {

    /** Tried in order, the next when one is unreachable; empty = {@code kafka.schemaRegistryUrl}. */
    @JsonProperty public List<String> urls = List.of();

    /** Basic auth, or {@link #bearerToken}: one of the two. */
    @JsonProperty public String username = "";
    @JsonProperty public String password = "";
    @JsonProperty public String bearerToken = "";

    /** PKCS12 or JKS file of the certificates to trust for {@code https} URLs; empty = the JVM's default trust. */
    @JsonProperty public String trustStore = "";
    @JsonProperty public String trustStorePassword = "";

    /** PKCS12 or JKS file of the key presented for mutual TLS; empty = none. */
    @JsonProperty public String keyStore = "";
    @JsonProperty public String keyStorePassword = "";

    /** false: the registry is managed by others; firebreak writes the id its schema already has (or fails). */
    @JsonProperty public boolean autoRegister = true;

    /** With {@code autoRegister: false}: write the subject's latest version's id (it must encode as firebreak's schema). */
    @JsonProperty public boolean useLatestVersion = false;

    @ValidationMethod(message = "sets both basic auth (username) and bearerToken: choose one")
    @JsonIgnore
    public boolean isOneCredential() {
        return username.isBlank() || bearerToken.isBlank();
    }

    @ValidationMethod(message = "sets useLatestVersion with autoRegister: true (it only applies when firebreak does not register)")
    @JsonIgnore
    public boolean isLatestVersionWithoutAutoRegister() {
        return !useLatestVersion || !autoRegister;
    }

    @ValidationMethod(message = "sets a keyStore without a trustStore")
    @JsonIgnore
    public boolean isKeyStoreWithTrustStore() {
        return keyStore.isBlank() || !trustStore.isBlank();
    }

    /** How to reach the registry; {@code fallbackUrl} ({@code kafka.schemaRegistryUrl}) when no {@link #urls} are set. */
    public RegistryConnection connection(String fallbackUrl) {
        List<URI> targets = (urls.isEmpty() ? List.of(fallbackUrl) : urls).stream().map(String::trim).map(URI::create).toList();
        RegistryConnection connection = new RegistryConnection(targets, Optional.empty(), Optional.empty(), registration());
        if (!username.isBlank()) {
            connection = connection.withBasicAuth(username, password);
        } else if (!bearerToken.isBlank()) {
            connection = connection.withBearerToken(bearerToken.trim());
        }
        if (!trustStore.isBlank()) {
            connection = connection.withTls(RegistryConnection.tlsContext(Path.of(trustStore), trustStorePassword,
                    keyStore.isBlank() ? Optional.empty() : Optional.of(Path.of(keyStore)), keyStorePassword));
        }
        return connection;
    }

    private SchemaRegistration registration() {
        if (autoRegister) {
            return SchemaRegistration.AUTO_REGISTER;
        }
        return useLatestVersion ? SchemaRegistration.LATEST_VERSION : SchemaRegistration.LOOKUP;
    }
}
