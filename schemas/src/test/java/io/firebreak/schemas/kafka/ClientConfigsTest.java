package io.firebreak.schemas.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientConfigsTest {

    private static final Map<String, Object> CONNECTION = Map.of("bootstrap.servers", "127.0.0.1:9092",
            "security.protocol", "SASL_SSL", "group.instance.id", "pod-0-postmortem");

    @Test
    void aManualCommitConsumerReadsOnlyCommittedRecordsAndNeverCommitsByItself() {
        Map<String, Object> config = ClientConfigs.from(CONNECTION).group("firebreak-notifier-slack").committedReads().build();

        assertThat(config).containsEntry("group.id", "firebreak-notifier-slack").containsEntry("isolation.level", "read_committed")
                .containsEntry("enable.auto.commit", false).containsEntry("security.protocol", "SASL_SSL");
    }

    @Test
    void anAcknowledgedProducerWaitsForEveryInSyncReplicaAndIsIdempotent() {
        assertThat(ClientConfigs.acknowledgedProducer(CONNECTION)).containsEntry("acks", "all").containsEntry("enable.idempotence", true)
                .containsEntry("bootstrap.servers", "127.0.0.1:9092");
    }

    @Test
    void aReaderOfEveryPartitionBelongsToNoGroupWhateverTheSharedSettingsCarry() {
        Map<String, Object> config = ClientConfigs.from(Map.of("group.id", "x", "group.instance.id", "pod-0", "session.timeout.ms", 6000))
                .withoutGroup().build();

        assertThat(config).doesNotContainKeys("group.id", "group.instance.id", "session.timeout.ms");
    }

    @Test
    void aStaticMemberThatDoesNotComeBackGivesItsPartitionsUpAfterFifteenSecondsUnlessTheOperatorSaysOtherwise() {
        assertThat(ClientConfigs.from(CONNECTION).staticMember("pod-0-notify-slack").build())
                .containsEntry("group.instance.id", "pod-0-notify-slack").containsEntry("session.timeout.ms", 15_000);
        assertThat(ClientConfigs.from(Map.of("session.timeout.ms", "45000")).staticMember("pod-0-notify-slack").build())
                .containsEntry("session.timeout.ms", "45000");
    }

    @Test
    void aDefaultGivesWayToTheOperatorsSetting() {
        Map<String, Object> config = ClientConfigs.from(Map.of("max.poll.records", 5)).setIfAbsent("max.poll.records", 50)
                .setIfAbsent("auto.offset.reset", "earliest").build();

        assertThat(config).containsEntry("max.poll.records", 5).containsEntry("auto.offset.reset", "earliest");
    }
}
