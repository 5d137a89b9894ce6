package io.firebreak.schemas.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReceiptRecordsTest {

    /** The correlation task holding an incident reads its cluster's partition: the receipt must land there. */
    @ParameterizedTest
    @ValueSource(strings = {"oci-fra-1", "aws-eu-central-1", "prod.eu.west", "a"})
    void aReceiptLandsOnThePartitionKafkaGivesItsClusterAsAKey(String cluster) {
        for (int partitions : new int[] {1, 3, 6, 12}) {
            int clusterPartition = BuiltInPartitioner.partitionForKey(cluster.getBytes(StandardCharsets.UTF_8), partitions);
            assertThat(ReceiptRecords.partitionOf(cluster + ".20261201.0042", partitions)).isEqualTo(clusterPartition);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-an-incident-id", ""})
    void anIdNamingNoClusterKeepsItsOwnPartition(String id) {
        assertThat(ReceiptRecords.partitionOf(id, 6)).isEqualTo(BuiltInPartitioner.partitionForKey(id.getBytes(StandardCharsets.UTF_8), 6));
    }
}
