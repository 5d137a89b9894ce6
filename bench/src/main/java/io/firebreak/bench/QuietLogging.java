package io.firebreak.bench;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import org.slf4j.LoggerFactory;

/**
 * Dropwizard re-configures logging when an application stops (console, INFO): put the benchmark's own quiet
 * logback.xml back, so the broker's hundreds of INFO lines do not bury the results.
 */
final class QuietLogging {

    private QuietLogging() {
    }

    static void restore() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(QuietLogging.class.getResource("/logback.xml"));
        } catch (JoranException e) {
            System.err.println("[bench] could not restore logging: " + e.getMessage());
        }
    }
}
