package io.firebreak.streams.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.firebreak.streams.CorrelationSettings;
import io.firebreak.streams.CorrelationSettingsBuilder;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * The start-up warm-up takes the signal path's code for real (dedup, open, join, held changes, routing, the serdes),
 * stays bounded, and says one line about it: the made-up incidents go nowhere.
 */
class CorrelationWarmUpTest {

    private static final CorrelationSettings SETTINGS = CorrelationSettingsBuilder.defaults().enrichmentWait(Duration.ZERO).build();

    @Test
    void correlatesEveryMadeUpSignalOpeningIncidentsAndRenderingTheirNotifications() {
        CorrelationWarmUp.Result result = CorrelationWarmUp.run(SETTINGS, CorrelationWarmUp.SIGNALS, Duration.ofMinutes(1));

        assertThat(result.signals()).isEqualTo(CorrelationWarmUp.SIGNALS);
        // every tenth signal has a service of its own, plus one incident per (cluster, service) of the storm
        assertThat(result.incidents()).isGreaterThan(CorrelationWarmUp.SIGNALS / 10);
        assertThat(result.notifications()).isGreaterThanOrEqualTo(result.incidents());
        assertThat(result.bytes()).isGreaterThan(CorrelationWarmUp.SIGNALS * 100L);
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a warm-up that ignored its deadline would never end
    void stopsAtItsDeadlineWhateverItWasAskedFor() {
        CorrelationWarmUp.Result result = CorrelationWarmUp.run(SETTINGS, Integer.MAX_VALUE, Duration.ofMillis(300));

        assertThat(result.signals()).isPositive().isLessThan(Integer.MAX_VALUE);
        assertThat(result.took()).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void runsOnADaemonThreadAndLogsOneLineAboutIt() throws InterruptedException {
        Logger logger = (Logger) LoggerFactory.getLogger(CorrelationWarmUp.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try {
            Thread thread = CorrelationWarmUp.startInBackground(SETTINGS);

            assertThat(thread.isDaemon()).isTrue();
            thread.join(Duration.ofSeconds(30).toMillis());
            assertThat(thread.isAlive()).isFalse();
            assertThat(lines.list).singleElement().satisfies(line ->
                    assertThat(line.getFormattedMessage()).startsWith("event=correlation_warm_up made_up_signals=" + CorrelationWarmUp.SIGNALS + " "));
        } finally {
            logger.detachAppender(lines);
        }
    }
}
