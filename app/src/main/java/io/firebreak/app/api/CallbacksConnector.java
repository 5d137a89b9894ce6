package io.firebreak.app.api;

import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jetty.HttpConnectorFactory;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;

/**
 * Serves the signed callbacks (PagerDuty, Slack) on their own application connector and everything else on the others
 * ({@code callbacks.port}): the connector that must face the internet then answers nothing but signature-checked
 * callbacks, while the API, the dashboard and {@code /metrics} stay on a connector reachable only from inside.
 */
public final class CallbacksConnector {

    private static final String CALLBACKS = "/v1/callbacks/";

    private CallbacksConnector() {
    }

    /** @throws IllegalStateException when no application connector listens on {@code port}: a typo would expose nothing, silently */
    public static void separate(Environment environment, ServerFactory server, int port) {
        boolean configured = server instanceof DefaultServerFactory multiple && multiple.getApplicationConnectors().stream()
                .anyMatch(connector -> connector instanceof HttpConnectorFactory http && http.getPort() == port);
        if (!configured) {
            throw new IllegalStateException("callbacks.port: " + port + " is not the port of any server.applicationConnectors entry");
        }
        environment.servlets().addFilter("callbacks-connector", new Separation(port))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
    }

    private static final class Separation implements Filter {

        private final int port;

        Separation(int port) {
            this.port = port;
        }

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
            boolean callback = ((HttpServletRequest) request).getRequestURI().startsWith(CALLBACKS);
            if (callback == (request.getLocalPort() == port)) {
                chain.doFilter(request, response);
                return;
            }
            HttpServletResponse http = (HttpServletResponse) response;
            http.setStatus(HttpServletResponse.SC_NOT_FOUND);
            http.setContentType("application/json");
            http.getOutputStream().write(("{\"error\":\"not_found\",\"detail\":\"" + (callback ? "callbacks are served on their own port"
                    : "this port serves only the callbacks") + "\"}").getBytes(StandardCharsets.UTF_8));
        }
    }
}
