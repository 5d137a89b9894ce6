package io.firebreak.app.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/** {@code paging:} — when a page nobody accepted escalates (issue 17, docs/paging.md). */
public class PagingConfig {

    /**
     * A first notification (a PagerDuty page above all) its receiver has not accepted this long after routing decided
     * it is escalated: a message through the receivers that work, the route's fallback receivers, and
     * {@code firebreak_page_pending_seconds} keeps counting for a Prometheus rule to page on.
     */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    @JsonProperty
    public Duration pendingTimeout = Duration.seconds(60);
}
