package io.firebreak.bench;

import io.firebreak.schemas.Topics;
import io.firebreak.schemas.kafka.ClientConfigs;
import io.firebreak.schemas.kafka.CompactedTopicReader;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Distinct incident ids of one cluster on {@code firebreak.incidents.v1} (committed records only). */
public final class IncidentCounter {

    private static final Duration LIMIT = Duration.ofSeconds(15);

    private final String bootstrapServers;

    public IncidentCounter(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public Set<String> incidentIds(String cluster) {
        Set<String> ids = new HashSet<>();
        ClientConfigs config = ClientConfigs.from(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        try (CompactedTopicReader<String, byte[]> reader = CompactedTopicReader.open(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            reader.assignFromBeginning(List.of(Topics.INCIDENTS.name()), LIMIT);
            reader.readToEnd(records -> records.stream().map(ConsumerRecord::key)
                    .filter(key -> key != null && key.startsWith(cluster + ".")).forEach(ids::add), LIMIT, () -> true);
        }
        return ids;
    }
}
