package io.firebreak.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Picks a currently free loopback port. Another process may take it before we bind: callers retry. The OS may hand
 * the port of a socket just closed to the next bind, so two picks in a row could name one port for two listeners (a
 * CI run had the broker's and the controller's listener on one port): a port is never handed out twice in one JVM.
 */
public final class FreePort {

    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private FreePort() {
    }

    public static synchronized int pick() {
        while (true) {
            int port = bind();
            if (HANDED_OUT.add(port)) {
                return port;
            }
        }
    }

    private static int bind() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}
