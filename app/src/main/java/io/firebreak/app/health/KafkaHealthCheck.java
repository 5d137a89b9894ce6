package io.firebreak.app.health;

import com.codahale.metrics.health.HealthCheck;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** Healthy when the Kafka cluster answers a metadata request within 5 s. */
public final class KafkaHealthCheck extends HealthCheck {

    private final Admin admin;

    public KafkaHealthCheck(Admin admin) {
        this.admin = admin;
    }

    @Override
    protected Result check() throws Exception {
        int brokers = admin.describeCluster(new DescribeClusterOptions().timeoutMs(5000)).nodes().get(6, TimeUnit.SECONDS).size();
        return brokers > 0 ? Result.healthy("brokers=%d", brokers) : Result.unhealthy("no broker reachable");
    }
}
