package io.firebreak.app;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.firebreak.embedded.EmbeddedCluster;
import java.net.URI;
import java.nio.file.Path;

/** A whole firebreak ({@code it.yml}) whose PagerDuty is a recording one: the fixture of the end-to-end paging tests. */
final class PagingApp implements AutoCloseable {

    static final String TOKEN = "it-token-1";

    private final DropwizardTestSupport<FirebreakConfiguration> app;
    private final RecordingPagerDuty pagerDuty;

    private PagingApp(DropwizardTestSupport<FirebreakConfiguration> app, RecordingPagerDuty pagerDuty) {
        this.app = app;
        this.pagerDuty = pagerDuty;
    }

    static PagingApp start(EmbeddedCluster cluster, Path stateDir, String name) throws Exception {
        RecordingPagerDuty pagerDuty = new RecordingPagerDuty();
        try {
            return new PagingApp(TestApps.start("it.yml", cluster, stateDir, name,
                    ConfigOverride.config("receivers.pagerduty.url", pagerDuty.enqueueUrl()),
                    ConfigOverride.config("receivers.pagerduty.routingKey", "R0UT1NGKEY32CHARSxxxxxxxxxxxxxxxx")), pagerDuty);
        } catch (Exception | Error e) {
            pagerDuty.close();
            throw e;
        }
    }

    RecordingPagerDuty pagerDuty() {
        return pagerDuty;
    }

    DropwizardTestSupport<FirebreakConfiguration> app() {
        return app;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + app.getLocalPort() + path);
    }

    @Override
    public void close() {
        try {
            app.after();
        } finally {
            pagerDuty.close();
        }
    }
}
