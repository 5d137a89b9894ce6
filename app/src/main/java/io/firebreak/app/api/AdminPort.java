package io.firebreak.app.api;

import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.core.setup.AdminEnvironment;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;

/**
 * The admin port serves health checks to probes and operators, not to the network: its connectors bind to loopback
 * unless the YAML names a {@code bindHost} (Kubernetes probes need the pod address, so the Helm chart does), and its
 * tasks ({@code log-level}, {@code gc}, ...), which change a running instance without any credential, answer 404
 * unless {@code adminTasks: true}.
 */
public final class AdminPort {

    public static final String DEFAULT_BIND_HOST = "127.0.0.1";

    private AdminPort() {
    }

    /** Binds every admin connector whose YAML left {@code bindHost} unset (Dropwizard's default: every interface) to loopback. */
    public static void bindToLoopbackByDefault(ServerFactory server) {
        if (server instanceof DefaultServerFactory multiple) {
            for (ConnectorFactory connector : multiple.getAdminConnectors()) {
                if (connector instanceof HttpConnectorFactory http && http.getBindHost() == null) {
                    http.setBindHost(DEFAULT_BIND_HOST);
                }
            }
        }
    }

    public static void disableTasks(AdminEnvironment admin) {
        admin.addFilter("tasks-disabled", new TasksDisabled()).addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/tasks/*");
    }

    private static final class TasksDisabled implements Filter {

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException {
            HttpServletResponse http = (HttpServletResponse) response;
            http.setStatus(HttpServletResponse.SC_NOT_FOUND);
            http.setContentType("application/json");
            http.getOutputStream().write("{\"error\":\"tasks_disabled\",\"detail\":\"admin tasks are off; set adminTasks: true to enable them\"}"
                    .getBytes(StandardCharsets.UTF_8));
        }
    }
}
