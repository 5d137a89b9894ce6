package io.firebreak.embedded;

import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * Confluent's compatibility levels, decided by Avro's own {@link SchemaCompatibility}. BACKWARD means a
 * consumer on the new schema reads data written with the old one; FORWARD the reverse; FULL both.
 * Non-transitive levels compare with the latest version only, transitive ones with every version.
 */
enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean newReadsOld;
    private final boolean oldReadsNew;
    private final boolean transitive;

    CompatibilityLevel(boolean newReadsOld, boolean oldReadsNew, boolean transitive) {
        this.newReadsOld = newReadsOld;
        this.oldReadsNew = oldReadsNew;
        this.transitive = transitive;
    }

    static CompatibilityLevel parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new RegistryException(422, RegistryException.INVALID_COMPATIBILITY_LEVEL,
                    "Invalid compatibility level '" + text + "'.");
        }
    }

    /** Whether {@code candidate} may follow {@code history} (oldest first) under this level. */
    boolean allows(Schema candidate, List<Schema> history) {
        if (history.isEmpty()) {
            return true;
        }
        List<Schema> compared = transitive ? history : List.of(history.get(history.size() - 1));
        return compared.stream().allMatch(previous -> compatible(candidate, previous));
    }

    private boolean compatible(Schema candidate, Schema previous) {
        return (!newReadsOld || canRead(candidate, previous)) && (!oldReadsNew || canRead(previous, candidate));
    }

    private static boolean canRead(Schema reader, Schema writer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType()
                == SchemaCompatibilityType.COMPATIBLE;
    }
}
