package io.firebreak.postmortem.logs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Grafana Explore deep links and Loki {@code query_range} URLs (contract logql-and-explore.md). Links carry
 * no credentials: people authenticate to Grafana themselves.
 */
public final class QueryLinks {

    /** Grafana's default organisation; multi-org setups can rewrite the link. */
    static final int ORG_ID = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    private QueryLinks() {
    }

    /**
     * {@code <grafana>/explore?schemaVersion=1&orgId=1&panes=<RFC 3986 encoded JSON>} (Grafana 10+) for a LogQL query; the
     * range is epoch milliseconds as strings.
     */
    public static String explore(URI grafana, String datasourceUid, String logql, LogWindow window) {
        return explore(grafana, "loki", datasourceUid, logql, Map.of("queryType", "range"), window);
    }

    /** The same pane for a PromQL query on a Prometheus datasource (a range query, as Grafana's own Explore writes it). */
    public static String explorePrometheus(URI grafana, String datasourceUid, String promql, LogWindow window) {
        return explore(grafana, "prometheus", datasourceUid, promql, Map.of("range", true, "instant", false), window);
    }

    private static String explore(URI grafana, String type, String datasourceUid, String expr, Map<String, Object> queryFlags, LogWindow window) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("refId", "A");
        Map<String, Object> datasource = new LinkedHashMap<>();
        datasource.put("type", type);
        datasource.put("uid", datasourceUid);
        query.put("datasource", datasource);
        query.put("expr", expr);
        new java.util.TreeMap<>(queryFlags).forEach(query::put);
        query.put("editorMode", "code");
        Map<String, Object> range = new LinkedHashMap<>();
        range.put("from", Long.toString(window.from().toEpochMilli()));
        range.put("to", Long.toString(window.to().toEpochMilli()));
        Map<String, Object> pane = new LinkedHashMap<>();
        pane.put("datasource", datasourceUid);
        pane.put("queries", List.of(query));
        pane.put("range", range);
        String panes;
        try {
            panes = JSON.writeValueAsString(Map.of("a", pane));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode Explore panes for " + expr, e);
        }
        return base(grafana) + "/explore?schemaVersion=1&orgId=" + ORG_ID + "&panes=" + encode(panes);
    }

    /** {@code <loki>/loki/api/v1/query_range?query=..&start=<ns>&end=<ns>&limit=..&direction=backward}. */
    public static String queryRange(URI loki, String logql, LogWindow window, int limit) {
        return base(loki) + "/loki/api/v1/query_range?query=" + encode(logql)
                + "&start=" + LogWindow.epochNanos(window.from())
                + "&end=" + LogWindow.epochNanos(window.to())
                + "&limit=" + limit
                + "&direction=backward";
    }

    /** RFC 3986 percent-encoding: URLEncoder is form encoding, whose {@code +} for space Grafana reads literally. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String base(URI uri) {
        String s = uri.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }
}
