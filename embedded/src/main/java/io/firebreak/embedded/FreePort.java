package io.firebreak.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks a currently free loopback port. Another process may take it before we bind: callers retry. The OS may hand
 * the port of a socket just closed to the next bind, so two picks in a row could name one port for two listeners (a
 * CI run had the broker's and the controller's listener on one port): a port is never handed out twice in one JVM.
 *
 * <p>Ports come from below the kernel's ephemeral range ({@code net.ipv4.ip_local_port_range}), where no outgoing
 * connection takes its source port and no bind to port 0 lands. A listener that comes back on its port after a restart
 * (a killed {@code firebreak standalone} in the crash tests) otherwise races every port-0 bind and connection made
 * meanwhile: {@code CrashRecoveryIT} once failed because its restarted process's own schema registry, started on port
 * 0 a second before the HTTP server, was handed the HTTP port the test had picked ("Failed to bind to 127.0.0.1:35283").
 */
public final class FreePort {

    private static final Set<Integer> HANDED_OUT = new HashSet<>();
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    /** Above the well-known and most registered service ports. */
    static final int LOWEST = 10_000;
    private static final int ATTEMPTS = 200;

    private FreePort() {
    }

    public static synchronized int pick() {
        int below = ephemeralLow();
        while (true) {
            int port = below - LOWEST >= 1_000 ? bindBelow(below) : bind(0);
            if (HANDED_OUT.add(port)) {
                return port;
            }
        }
    }

    /** Whether {@code port} can be bound on the loopback address right now; if so, it is never picked in this JVM. */
    static synchronized boolean claimIfFree(int port) {
        try {
            bind(port);
            HANDED_OUT.add(port);
            return true;
        } catch (UncheckedIOException taken) {
            return false;
        }
    }

    /** The lowest port of the kernel's ephemeral range; Linux's default where the range cannot be read. */
    static int ephemeralLow() {
        try {
            // read as lines: Files.readString trusts the size /proc reports and returned "3" of "32768\t60999"
            return Integer.parseInt(Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }

    private static int bindBelow(int below) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int candidate = ThreadLocalRandom.current().nextInt(LOWEST, below);
            if (!HANDED_OUT.contains(candidate)) {
                try {
                    return bind(candidate);
                } catch (UncheckedIOException taken) {
                    // in use: another candidate
                }
            }
        }
        return bind(0);
    }

    private static int bind(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}
