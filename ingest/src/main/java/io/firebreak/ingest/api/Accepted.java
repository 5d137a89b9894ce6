package io.firebreak.ingest.api;

import java.util.List;

/** The 202 answer: how many events were committed to Kafka and their ids (deterministic, see EventIds). */
public record Accepted(int accepted, List<String> ids) {

    public Accepted {
        ids = List.copyOf(ids);
    }
}
