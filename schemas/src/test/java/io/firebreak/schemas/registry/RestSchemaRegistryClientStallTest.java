package io.firebreak.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.firebreak.embedded.StallingReceiver;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A registry that stalls mid-answer costs one deadline, never a producer's or a deserializer's thread. */
class RestSchemaRegistryClientStallTest {

    static final Duration DEADLINE = Duration.ofSeconds(1);
    /** What a loaded build machine may add to the deadline. */
    static final Duration MARGIN = Duration.ofSeconds(3);

    @Test
    void aRegistryThatTricklesItsAnswerFailsAsUnavailableWithinTheDeadline() throws IOException {
        try (StallingReceiver trickling = StallingReceiver.trickling()) {
            RestSchemaRegistryClient client = new RestSchemaRegistryClient(trickling.url("/").toString(), DEADLINE);

            Throwable failure = assertTimeoutPreemptively(DEADLINE.plus(MARGIN), () -> catchThrowable(() -> client.schemaById(1)),
                    "one deadline bounds the whole exchange, the answer's body included");

            assertThat(failure).isInstanceOf(SchemaRegistryUnavailableException.class)
                    .hasMessageContaining("no complete answer within " + DEADLINE);
            await().atMost(Duration.ofSeconds(10)).until(() -> trickling.openAnswers() == 0);
        }
    }

    @Test
    void aRegistryAnswerPastTheSizeLimitFailsAsUnavailable() throws IOException {
        try (StallingReceiver endless = StallingReceiver.endless()) {
            RestSchemaRegistryClient client = new RestSchemaRegistryClient(endless.url("/").toString(), Duration.ofSeconds(30), 64 * 1024);

            Throwable failure = assertTimeoutPreemptively(DEADLINE.plus(MARGIN), () -> catchThrowable(() -> client.schemaById(1)));

            assertThat(failure).isInstanceOf(SchemaRegistryUnavailableException.class)
                    .hasMessageContaining("answer body longer than 65536 bytes");
            await().atMost(Duration.ofSeconds(10)).until(() -> endless.openAnswers() == 0);
        }
    }
}
