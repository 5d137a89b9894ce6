package io.firebreak.ingest.resources;

import com.codahale.metrics.Timer;
import io.firebreak.ingest.EventRecord;
import io.firebreak.ingest.EventSink;
import io.firebreak.ingest.http.EndpointMetrics;
import java.util.List;

/**
 * What every receiver shares: where its records go, how its bodies are read, and its endpoint's metrics. One request's
 * records are written all or nothing (the sink's transaction), timed and counted.
 */
public record Intake(EventSink sink, JsonBodies bodies, EndpointMetrics metrics) {

    void write(List<? extends EventRecord<?>> records) {
        try (Timer.Context ignored = metrics.writeLatency().time()) {
            sink.write(records);
        }
        metrics.written(records.size());
    }
}
