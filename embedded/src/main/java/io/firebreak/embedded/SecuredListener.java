package io.firebreak.embedded;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * A SASL_SSL listener (SCRAM-SHA-512) an {@link EmbeddedKafka} opens next to its PLAINTEXT one, for tests of clients
 * configured as on a secured production cluster: the broker presents {@code keyStore}'s certificate and knows one
 * SCRAM user. Brokers and the embedded registry keep talking PLAINTEXT among themselves.
 */
public record SecuredListener(Path keyStore, String keyStorePassword, String user, String password) {

    static final String NAME = "SASL_SSL";
    private static final String MECHANISM = "SCRAM-SHA-512";

    /** The SCRAM credential, written into the metadata when the storage is formatted (the format tool's {@code --add-scram}). */
    List<String> scramArguments() {
        return List.of(MECHANISM + "=[name=" + user + ",password=" + password + "]");
    }

    void addTo(Properties props, int port) {
        props.put("listeners", props.get("listeners") + "," + NAME + "://127.0.0.1:" + port);
        props.put("advertised.listeners", props.get("advertised.listeners") + "," + NAME + "://127.0.0.1:" + port);
        props.put("listener.security.protocol.map", props.get("listener.security.protocol.map") + "," + NAME + ":SASL_SSL");
        props.put("sasl.enabled.mechanisms", MECHANISM);
        String prefix = "listener.name." + NAME.toLowerCase(Locale.ROOT) + ".";
        props.put(prefix + MECHANISM.toLowerCase(Locale.ROOT) + ".sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        props.put(prefix + "ssl.keystore.location", keyStore.toAbsolutePath().toString());
        props.put(prefix + "ssl.keystore.password", keyStorePassword);
        props.put(prefix + "ssl.keystore.type", "PKCS12");
    }

    @Override
    public String toString() {
        return "SecuredListener[keyStore=" + keyStore + ", user=" + user + "]";
    }
}
