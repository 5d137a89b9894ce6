package io.firebreak.streams.state;

import io.firebreak.events.Incident;
import io.firebreak.events.SignalRef;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Shallow copies of Avro records. Avro's {@code newBuilder(other)} deep-copies every nested list, map and string
 * through the schema; on the correlation hot path (one copy of the incident per signal) that was most of the cost of a
 * signal. The correlation code never mutates a list, map or nested record it did not create itself (it sets a new one),
 * so a copy of the top-level fields is a safe working copy.
 */
public final class Records {

    private Records() {
    }

    public static Incident copy(Incident incident) {
        return fill(new Incident(), incident);
    }

    public static SignalRef copy(SignalRef signal) {
        return fill(new SignalRef(), signal);
    }

    private static <T extends SpecificRecordBase> T fill(T copy, T from) {
        int fields = from.getSchema().getFields().size();
        for (int i = 0; i < fields; i++) {
            copy.put(i, from.get(i));
        }
        return copy;
    }
}
