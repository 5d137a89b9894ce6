package io.firebreak.ingest;

import java.util.List;

/** Where the resources put events: all of one request's events land together, or none do. */
public interface EventSink {

    /**
     * Writes the records atomically and returns only once they are durably committed.
     *
     * @throws KafkaUnavailableException Kafka did not commit within the timeout: retry later. Almost always nothing was
     *                                   committed; rarely (a commit whose outcome was not known in time) it may have been,
     *                                   which a retry makes harmless since event ids are deterministic and the pipeline
     *                                   deduplicates. A normal return, by contrast, always means committed.
     * @throws EventTooLargeException a record is larger than Kafka accepts: retrying cannot help
     * @throws io.firebreak.schemas.registry.SchemaRegistryException the registry failed ({@code retryable()} says if retrying can help)
     */
    void write(List<? extends EventRecord<?>> records);
}
