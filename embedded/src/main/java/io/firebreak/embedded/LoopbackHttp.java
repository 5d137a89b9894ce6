package io.firebreak.embedded;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The JDK's {@link HttpServer} on 127.0.0.1, answering without Nagle's delay.
 *
 * <p>Why: the JDK server writes an answer's headers and its body as two packets and leaves {@code TCP_NODELAY} off
 * unless the system property {@value #NO_DELAY} is true, so Nagle's algorithm holds the body until the client's
 * delayed ACK. Every exchange then takes 40 ms or more even on loopback (44 ms per POST measured on this 2-core VM,
 * 1.5 ms with the property): every schema lookup of a restarted standalone, and every delivery to a recording
 * receiver in the benchmarks. The JDK reads the property once, when its server configuration class loads, so it is
 * set here before this class creates the JVM's first server; a value set on the command line wins.
 */
public final class LoopbackHttp {

    static final String NO_DELAY = "sun.net.httpserver.nodelay";

    static {
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
    }

    private LoopbackHttp() {
    }

    /** A server bound to 127.0.0.1:{@code port} (0 picks a free port), not started. */
    public static HttpServer create(int port, int backlog) throws IOException {
        return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), backlog);
    }
}
