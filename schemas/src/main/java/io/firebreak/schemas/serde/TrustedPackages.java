package io.firebreak.schemas.serde;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Since Avro 1.11.4/1.12 (CVE-2024-47561) a reader loads only classes it was told to trust, and the generated
 * event classes are not among the defaults: without this every {@link AvroDeserializer} fails with
 * "Forbidden io.firebreak.events.Signal! This class is not trusted". Avro keeps that trust list JVM-wide, so
 * this one does too; it only ever adds the packages of the record types firebreak reads, keeping whatever
 * the JVM already trusted (e.g. {@code -Dorg.apache.avro.SERIALIZABLE_PACKAGES}).
 */
final class TrustedPackages {

    private static final Set<String> PACKAGES = ConcurrentHashMap.newKeySet();

    static {
        ClassSecurityValidator.ClassSecurityPredicate before = ClassSecurityValidator.getGlobal();
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(before,
                type -> PACKAGES.contains(type.getPackageName())));
    }

    private TrustedPackages() {
    }

    /** Trusts the package of a generated type; its nested records and enums are generated in the same one. */
    static void trust(Class<?> type) {
        PACKAGES.add(type.getPackageName());
    }
}
