package io.firebreak.ingest.resources;

import io.firebreak.ingest.EventRecord;
import io.firebreak.ingest.EventSink;
import io.firebreak.ingest.http.EndpointMetrics;
import io.prometheus.metrics.core.datapoints.Timer;
import java.util.List;

/**
 * What every receiver shares: where its records go, how its bodies are read, and its endpoint's metrics. One request's
 * records are written all or nothing (the sink's transaction), timed and counted.
 */
public record Intake(EventSink sink, JsonBodies bodies, EndpointMetrics metrics) {

    void write(List<? extends EventRecord<?>> records) {
        try (Timer ignored = metrics.writeDuration().startTimer()) {
            sink.write(records);
        }
        metrics.written(records.size());
    }
}
