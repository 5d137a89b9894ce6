package io.firebreak.app.health;

import com.codahale.metrics.health.HealthCheck;
import io.firebreak.schemas.registry.SchemaRegistryClient;

/** Healthy when the Schema Registry answers {@code GET /config}. */
public final class SchemaRegistryHealthCheck extends HealthCheck {

    private final SchemaRegistryClient registry;

    public SchemaRegistryHealthCheck(SchemaRegistryClient registry) {
        this.registry = registry;
    }

    @Override
    protected Result check() {
        return Result.healthy("compatibility=%s", registry.compatibility());
    }
}
