package io.firebreak.app.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.configuration.ConfigurationFactory;
import io.dropwizard.configuration.ConfigurationFactoryFactory;
import io.dropwizard.configuration.YamlConfigurationFactory;
import jakarta.validation.Validator;

/**
 * Reads the YAML with unknown keys refused. Dropwizard 5's default mapper ignores them, so a typo such as
 * {@code routingkey:} would silently turn PagerDuty into a log receiver — nobody paged. Only the configuration is
 * strict; request bodies keep ignoring unknown fields (senders add fields over time). Durations are read as the SLO
 * files write them ({@link ConfigDurations}).
 */
public final class StrictConfigurationFactoryFactory<T> implements ConfigurationFactoryFactory<T> {

    @Override
    public ConfigurationFactory<T> create(Class<T> klass, Validator validator, ObjectMapper objectMapper, String propertyPrefix) {
        return new YamlConfigurationFactory<>(klass, validator,
                objectMapper.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).registerModule(ConfigDurations.module()),
                propertyPrefix);
    }
}
