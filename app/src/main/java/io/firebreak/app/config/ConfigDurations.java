package io.firebreak.app.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.dropwizard.util.Duration;
import io.firebreak.slo.config.Durations;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Durations in the main configuration read like those of the SLO files and of Prometheus ({@code 30s}, {@code 5m},
 * {@code 1h30m}, {@code 1w}); Dropwizard's own spellings ({@code 10 seconds}, {@code 5min}) still work.
 */
final class ConfigDurations extends JsonDeserializer<Duration> {

    static SimpleModule module() {
        return new SimpleModule("firebreak-durations").addDeserializer(Duration.class, new ConfigDurations());
    }

    @Override
    public Duration deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        String text = parser.getValueAsString();
        return Durations.parse(text).map(ConfigDurations::dropwizard).orElseGet(() -> {
            try {
                return Duration.parse(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Invalid duration: " + text + " (write e.g. 30s, 5m, 1h30m, 1w)", e);
            }
        });
    }

    /** In the largest unit that keeps it exact, so it prints as it was meant ({@code 90 minutes}, not milliseconds). */
    private static Duration dropwizard(java.time.Duration duration) {
        long millis = duration.toMillis();
        if (millis % TimeUnit.DAYS.toMillis(1) == 0) {
            return Duration.days(duration.toDays());
        }
        if (millis % TimeUnit.HOURS.toMillis(1) == 0) {
            return Duration.hours(duration.toHours());
        }
        if (millis % TimeUnit.MINUTES.toMillis(1) == 0) {
            return Duration.minutes(duration.toMinutes());
        }
        if (millis % 1000 == 0) {
            return Duration.seconds(duration.toSeconds());
        }
        return Duration.milliseconds(millis);
    }
}
