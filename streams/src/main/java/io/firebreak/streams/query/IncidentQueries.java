package io.firebreak.streams.query;

import io.firebreak.core.incident.IncidentIds;
import io.firebreak.events.Incident;
import io.firebreak.streams.IncidentTopology;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.StreamsMetadata;

/**
 * Reads incidents from the incidents store (interactive queries) for the API. The store is keyed by incident
 * id but the state is partitioned by cluster, so the owner of an incident is found with the cluster taken
 * out of its id as the routing key. With several instances, {@link #owner} says which host to forward a
 * {@code GET /v1/incidents/{id}} to, and {@link #hosts} which hosts to fan a list out to (each answers
 * {@link #listLocal}). Needs {@code application.server} set (see {@link IncidentTopology#streamsProperties}
 * with five arguments) for the host information.
 */
public final class IncidentQueries {

    private final KafkaStreams streams;

    public IncidentQueries(KafkaStreams streams) {
        this.streams = streams;
    }

    /** The incident from this instance's state; empty when unknown here (check {@link #owner} first). */
    public Optional<Incident> get(String incidentId) {
        if (IncidentIds.clusterOf(incidentId).isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(store().get(incidentId));
    }

    /** Incidents in this instance's state matching the filter, most recently updated first. */
    public List<Incident> listLocal(IncidentFilter filter) {
        List<Incident> found = new ArrayList<>();
        try (KeyValueIterator<String, Incident> all = store().all()) {
            all.forEachRemaining(entry -> {
                if (filter.test(entry.value)) {
                    found.add(entry.value);
                }
            });
        }
        found.sort(Comparator.comparing(Incident::getUpdatedAt).reversed());
        return found;
    }

    /** Same as {@link #listLocal}: on a single instance, every incident. */
    public List<Incident> list(IncidentFilter filter) {
        return listLocal(filter);
    }

    /** Where the incident's state lives (active host and standbys), by the cluster in its id. */
    public KeyQueryMetadata owner(String incidentId) {
        return streams.queryMetadataForKey(IncidentTopology.INCIDENT_STORE, IncidentIds.clusterOf(incidentId).orElseThrow(() -> new IllegalArgumentException(
                "'" + incidentId + "' is not an incident id <cluster>.<yyyyMMdd>.<sequence>")), new StringSerializer());
    }

    /** Whether {@code self} (this instance's application.server) owns the incident. */
    public boolean isLocal(String incidentId, HostInfo self) {
        KeyQueryMetadata metadata = owner(incidentId);
        return metadata.equals(KeyQueryMetadata.NOT_AVAILABLE) || metadata.activeHost().equals(self);
    }

    /** Every host holding part of the incidents store, for a fan-out list. */
    public List<HostInfo> hosts() {
        return streams.streamsMetadataForStore(IncidentTopology.INCIDENT_STORE).stream().map(StreamsMetadata::hostInfo).toList();
    }

    private ReadOnlyKeyValueStore<String, Incident> store() {
        return streams.store(StoreQueryParameters.fromNameAndType(IncidentTopology.INCIDENT_STORE, QueryableStoreTypes.keyValueStore()));
    }
}
