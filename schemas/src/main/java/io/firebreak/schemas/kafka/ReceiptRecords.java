package io.firebreak.schemas.kafka;

import io.firebreak.core.incident.IncidentIds;
import io.firebreak.events.DeliveryReceipt;
import io.firebreak.schemas.Serdes;
import io.firebreak.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.utils.Utils;

/**
 * A {@link DeliveryReceipt} as a record of {@code firebreak.deliveries.v1}: keyed by incident id (DESIGN §2, so compaction
 * and every reader stay as they were) but placed on the partition its cluster's key would take. The correlation
 * topology reads receipts back into the incident, and an incident's state lives in the task of its cluster's partition;
 * a receipt partitioned by its own key would reach a task that does not hold the incident.
 */
public final class ReceiptRecords {

    private ReceiptRecords() {
    }

    public static ProducerRecord<String, byte[]> of(Producer<String, byte[]> producer, Serdes serdes, DeliveryReceipt receipt) {
        String topic = Topics.DELIVERIES.name();
        byte[] value = serdes.value(Topics.DELIVERIES).serializer().serialize(topic, receipt);
        List<PartitionInfo> partitions = producer.partitionsFor(topic);
        Integer partition = partitions == null || partitions.isEmpty() ? null : partitionOf(receipt.getIncidentId(), partitions.size());
        return new ProducerRecord<>(topic, partition, receipt.getIncidentId(), value);
    }

    /**
     * The partition Kafka's default partitioner gives the incident's cluster as a key (murmur2 of its UTF-8 bytes), which
     * is where the cluster-keyed inputs of the correlation topology put it; an id that names no cluster keeps its own.
     */
    public static int partitionOf(String incidentId, int partitions) {
        String key = IncidentIds.clusterOf(incidentId).orElse(incidentId);
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
