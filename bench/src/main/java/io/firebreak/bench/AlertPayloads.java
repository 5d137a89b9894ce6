package io.firebreak.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Alertmanager webhook bodies (payload version 4) shaped like the shared sample, one group per body. */
public final class AlertPayloads {

    /** One alert of a group. */
    public record Alert(String fingerprint, String pod) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STARTS_AT = "2026-11-28T09:12:03.512Z";

    private AlertPayloads() {
    }

    /** A firing group for one cluster/service; {@code severity} is the Alertmanager label (critical, warning, info...). */
    public static String firing(String cluster, String service, String severity, List<Alert> alerts) {
        return firing(cluster, service, severity, "HighLatency", alerts);
    }

    /** The same with another alert name, e.g. {@code PodCrashLooping} with one alert (fingerprint) per pod. */
    public static String firing(String cluster, String service, String severity, String alertname, List<Alert> alerts) {
        ObjectNode root = JSON.createObjectNode();
        root.put("receiver", "firebreak").put("status", "firing").put("version", "4")
                .put("externalURL", "https://alertmanager." + cluster + ".example.internal")
                .put("truncatedAlerts", 0)
                .put("groupKey", "{}:{alertname=\"" + alertname + "\", cluster=\"" + cluster + "\", service=\"" + service + "\"}");
        ArrayNode list = root.putArray("alerts");
        for (Alert alert : alerts) {
            ObjectNode a = list.addObject();
            a.put("status", "firing").put("startsAt", STARTS_AT).put("endsAt", "0001-01-01T00:00:00Z")
                    .put("generatorURL", "https://prometheus." + cluster + ".example.internal/graph")
                    .put("fingerprint", alert.fingerprint());
            labels(a.putObject("labels"), cluster, service, severity, alertname).put("pod", alert.pod());
            a.putObject("annotations")
                    .put("summary", service + " p99 latency above 250ms")
                    .put("description", "p99 latency of " + service + " on " + alert.pod() + " is above 250ms for 5m.")
                    .put("runbook_url", "https://runbooks.example.internal/" + service + "/high-latency");
        }
        root.putObject("groupLabels").put("alertname", alertname).put("cluster", cluster).put("service", service);
        labels(root.putObject("commonLabels"), cluster, service, severity, alertname);
        root.putObject("commonAnnotations").put("summary", service + " p99 latency above 250ms");
        return root.toString();
    }

    private static ObjectNode labels(ObjectNode node, String cluster, String service, String severity, String alertname) {
        return node.put("alertname", alertname).put("cluster", cluster).put("namespace", "bench")
                .put("service", service).put("severity", severity).put("team", "bench");
    }
}
