package io.firebreak.ingest.resources;

import com.codahale.metrics.Timer;
import io.firebreak.ingest.EventRecord;
import io.firebreak.ingest.EventSink;
import io.firebreak.ingest.http.EndpointMetrics;
import java.util.List;

/** One request's write through the sink: timed, counted, all or nothing (the sink's transaction). */
final class TimedWrite {

    private TimedWrite() {
    }

    static void write(EventSink sink, EndpointMetrics metrics, List<? extends EventRecord<?>> records) {
        try (Timer.Context ignored = metrics.writeLatency().time()) {
            sink.write(records);
        }
        metrics.written(records.size());
    }
}
