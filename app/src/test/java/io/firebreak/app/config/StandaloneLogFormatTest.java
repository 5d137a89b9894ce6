package io.firebreak.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.dropwizard.logging.common.ConsoleAppenderFactory;
import io.dropwizard.logging.common.DefaultLoggingFactory;
import io.firebreak.app.FirebreakConfiguration;
import io.firebreak.app.cli.LayeredConfigurationSourceProvider;
import org.junit.jupiter.api.Test;

/** The plain-text log of {@code ./firebreak standalone}: text from senders cannot start a line of its own. */
class StandaloneLogFormatTest {

    @Test
    void aLineBreakInsideAMessageStaysOnTheMessagesLine() throws Exception {
        FirebreakConfiguration config = new StrictConfigurationFactoryFactory<FirebreakConfiguration>()
                .create(FirebreakConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw")
                .build(new LayeredConfigurationSourceProvider("/standalone.yml"), LayeredConfigurationSourceProvider.BASE_ONLY);
        String pattern = ((ConsoleAppenderFactory<?>) ((DefaultLoggingFactory) config.getLoggingFactory()).getAppenders().get(0)).getLogFormat();

        LoggerContext context = new LoggerContext();
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.setPattern(pattern);
        layout.start();
        Logger logger = context.getLogger("io.firebreak.ingest");
        String line = layout.doLayout(new LoggingEvent(Logger.FQCN, logger, Level.INFO,
                "event=alertmanager_received groupKey=\"{}\"", null, new Object[] {"{}\n12:00:00.000 ERROR [main] forged\r\nline"}));

        assertThat(line).endsWith(System.lineSeparator()).contains("groupKey=\"{} 12:00:00.000 ERROR [main] forged line\"");
        assertThat(line.strip()).doesNotContain("\n").doesNotContain("\r");
    }
}
