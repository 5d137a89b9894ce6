package io.firebreak.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.firebreak.app.api.AdminPort;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdminPortTest {

    @Test
    void anAdminConnectorWithoutABindHostListensOnLoopbackOnlyWhileAnExplicitOneIsKept() {
        HttpConnectorFactory unset = new HttpConnectorFactory();
        HttpConnectorFactory explicit = new HttpConnectorFactory();
        explicit.setBindHost("0.0.0.0");
        HttpConnectorFactory application = new HttpConnectorFactory();
        DefaultServerFactory server = new DefaultServerFactory();
        server.setAdminConnectors(List.of(unset, explicit));
        server.setApplicationConnectors(List.of(application));

        AdminPort.bindToLoopbackByDefault(server);

        assertThat(unset.getBindHost()).isEqualTo("127.0.0.1");
        assertThat(explicit.getBindHost()).as("the Helm chart binds the pod address so probes reach it").isEqualTo("0.0.0.0");
        assertThat(application.getBindHost()).as("the application port is not the admin port").isNull();
    }
}
