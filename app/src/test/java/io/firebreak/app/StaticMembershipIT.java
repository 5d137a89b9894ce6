package io.firebreak.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dropwizard.testing.DropwizardTestSupport;
import io.firebreak.embedded.EmbeddedCluster;
import io.firebreak.notifiers.NotifierService;
import io.firebreak.postmortem.kafka.PostmortemService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every consumer group member of an instance is a static member named after the instance id kept in its state
 * directory (so a restart after a crash takes the old place at once), and a clean stop still leaves every group (so
 * another instance takes the partitions at once, not after the 45 s session timeout a static member otherwise keeps).
 */
@ExtendWith(PrivateClusterExtension.class)
class StaticMembershipIT {

    /** Far below the 45 s session timeout: a static member that did not leave would still be listed. */
    private static final Duration LEAVE_WITHIN = Duration.ofSeconds(10);

    @Test
    void everyGroupMemberIsStaticUnderTheInstanceIdAndACleanStopLeavesEveryGroup(EmbeddedCluster cluster, @TempDir Path stateDir)
            throws Exception {
        DropwizardTestSupport<FirebreakConfiguration> app = TestApps.start("it.yml", cluster, stateDir, "static-membership");
        String applicationId = app.getConfiguration().kafka.applicationId;
        String instance = Files.readString(stateDir.resolve("firebreak-instance-id")).trim();
        // Kafka Streams suffixes each stream thread's member
        Set<String> correlation = IntStream.rangeClosed(1, app.getConfiguration().kafka.effectiveStreamThreads())
                .mapToObj(thread -> instance + "-correlation-" + thread).collect(Collectors.toSet());
        Map<String, Set<String>> expected = Map.of(
                applicationId, correlation,
                NotifierService.groupId("pagerduty"), Set.of(instance + "-notify-pagerduty"),
                NotifierService.groupId("slack"), Set.of(instance + "-notify-slack"),
                PostmortemService.GROUP_ID, Set.of(instance + "-postmortem"));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
            try {
                await("every group joined by a static member").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                        .untilAsserted(() -> {
                            for (Map.Entry<String, Set<String>> group : expected.entrySet()) {
                                assertThat(instanceIds(admin, group.getKey())).as(group.getKey())
                                        .containsExactlyInAnyOrderElementsOf(group.getValue());
                            }
                        });
            } finally {
                app.after();
            }
            await("every group left on a clean stop").atMost(LEAVE_WITHIN).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> {
                        for (String group : expected.keySet()) {
                            assertThat(members(admin, group)).as(group).isEmpty();
                        }
                    });
        }
    }

    private static Set<String> instanceIds(Admin admin, String group) throws Exception {
        return members(admin, group).stream().map(MemberDescription::groupInstanceId)
                .map(id -> id.orElse("(dynamic)")).collect(Collectors.toSet());
    }

    private static List<MemberDescription> members(Admin admin, String group) throws Exception {
        ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all().get(10, TimeUnit.SECONDS).get(group);
        return description == null ? List.of() : List.copyOf(description.members());
    }
}
