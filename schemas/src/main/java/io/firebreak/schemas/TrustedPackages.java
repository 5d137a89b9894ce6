package io.firebreak.schemas;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Since Avro 1.11.4/1.12 (CVE-2024-47561) a reader loads only classes it was told to trust, and the generated
 * event classes are not among the defaults: without this every {@link AvroDeserializer} fails with
 * "Forbidden io.firebreak.events.Signal! This class is not trusted". Avro keeps that trust list JVM-wide, so
 * this one does too. {@link Topics} trusts the event package when it loads, so code that touches a topic or a serde
 * never meets the error; code building event objects alone (tests) calls {@link #trustEvents()}. It only ever adds the packages of the record types firebreak reads, keeping whatever
 * the JVM already trusted (e.g. {@code -Dorg.apache.avro.SERIALIZABLE_PACKAGES}).
 */
public final class TrustedPackages {

    private static final Set<String> PACKAGES = ConcurrentHashMap.newKeySet();

    static {
        ClassSecurityValidator.ClassSecurityPredicate before = ClassSecurityValidator.getGlobal();
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(before,
                type -> PACKAGES.contains(type.getPackageName())));
    }

    private TrustedPackages() {
    }

    /** Trusts the generated event classes of {@code io.firebreak.events}. */
    public static void trustEvents() {
        trust(io.firebreak.events.Signal.class);
    }

    /** Trusts the package of a generated type; its nested records and enums are generated in the same one. */
    public static void trust(Class<?> type) {
        PACKAGES.add(type.getPackageName());
    }
}
