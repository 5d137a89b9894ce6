package io.firebreak.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortTest {

    /** A CI run had the broker's and the controller's listener on one port: the OS handed it out twice in a row. */
    @Test
    void noPortIsHandedOutTwice() {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            assertThat(ports.add(FreePort.pick())).as("pick %d", i).isTrue();
        }
    }

    /** Outgoing connections take their source ports from the ephemeral range: a listener outside it never meets them. */
    @Test
    void portsComeFromBelowTheEphemeralRange() {
        int below = FreePort.ephemeralLow();
        for (int i = 0; i < 100; i++) {
            assertThat(FreePort.pick()).isBetween(FreePort.LOWEST, below - 1);
        }
    }
}
