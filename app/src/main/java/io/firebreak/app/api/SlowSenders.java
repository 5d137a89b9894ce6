package io.firebreak.app.api;

import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.core.server.SimpleServerFactory;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.util.DataSize;
import java.util.ArrayList;
import java.util.List;

/**
 * A sender that trickles its body (a byte every few seconds) must not hold a server thread: every HTTP connector gets
 * a minimum request data rate unless the YAML sets one. Jetty answers such a request 408 and frees the thread, so a
 * slow or hostile client costs seconds, not minutes — the callbacks on this connector face the internet. Senders that
 * matter (Alertmanager, Coroot, Slack, PagerDuty) send a whole body within milliseconds.
 */
public final class SlowSenders {

    /** Far below any real sender, far above a trickle: 1 KiB/s. */
    public static final DataSize DEFAULT_MIN_REQUEST_RATE = DataSize.kibibytes(1);

    private SlowSenders() {
    }

    /** Sets the minimum on every connector whose YAML left it at Dropwizard's default (0 = no minimum). */
    public static void guard(ServerFactory server) {
        for (ConnectorFactory connector : connectors(server)) {
            if (connector instanceof HttpConnectorFactory http && http.getMinRequestDataPerSecond().toBytes() == 0) {
                http.setMinRequestDataPerSecond(DEFAULT_MIN_REQUEST_RATE);
            }
        }
    }

    private static List<ConnectorFactory> connectors(ServerFactory server) {
        List<ConnectorFactory> all = new ArrayList<>();
        if (server instanceof DefaultServerFactory multiple) {
            all.addAll(multiple.getApplicationConnectors());
            all.addAll(multiple.getAdminConnectors());
        } else if (server instanceof SimpleServerFactory simple) {
            all.add(simple.getConnector());
        }
        return all;
    }
}
