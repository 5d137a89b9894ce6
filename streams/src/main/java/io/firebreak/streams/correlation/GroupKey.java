package io.firebreak.streams.correlation;

import io.firebreak.events.Signal;
import java.util.List;
import java.util.StringJoiner;

/**
 * The correlation group of a signal (DESIGN §6.2): the values of the {@code correlation.groupBy} labels,
 * rendered {@code cluster=oci-fra-1,service=trade-engine}. {@code cluster} and {@code service} come from the
 * Signal's own fields, any other name from its labels (missing = empty).
 */
public record GroupKey(String cluster, String value) {

    public static GroupKey of(Signal signal, List<String> groupBy) {
        StringJoiner joined = new StringJoiner(",");
        for (String label : groupBy) {
            joined.add(label + "=" + labelValue(signal, label));
        }
        return new GroupKey(signal.getCluster(), joined.toString());
    }

    private static String labelValue(Signal signal, String label) {
        return switch (label) {
            case "cluster" -> signal.getCluster();
            case "service" -> signal.getService();
            default -> signal.getLabels().getOrDefault(label, "");
        };
    }

    /**
     * The state-store key: always prefixed with the cluster, so even a groupBy without {@code cluster}
     * never merges two clusters' incidents (cluster autonomy, DESIGN §1).
     */
    public String storeKey() {
        return cluster + "|" + value;
    }

    @Override
    public String toString() {
        return value;
    }
}
