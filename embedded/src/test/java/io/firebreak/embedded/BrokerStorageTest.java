package io.firebreak.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerStorageTest {

    @Test
    void theControllerPortOfTheLastStartIsOfferedAgainWhileItIsFree(@TempDir Path dir) throws Exception {
        BrokerStorage storage = new BrokerStorage(dir);
        assertThat(storage.freeLastControllerPort()).as("no start yet").isEmpty();

        int port = FreePort.pick();
        storage.rememberControllerPort(port);
        assertThat(storage.freeLastControllerPort()).hasValue(port);

        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            assertThat(storage.freeLastControllerPort()).as("taken by another listener").isEmpty();
        }
    }
}
