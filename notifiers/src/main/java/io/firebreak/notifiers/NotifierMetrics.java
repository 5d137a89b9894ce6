package io.firebreak.notifiers;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import java.util.function.LongSupplier;

/**
 * A channel's delivery metrics, named {@code notifier.<channel>.<what>}:
 * sent (delivered or logged), failed (failed attempts), retried (retries scheduled), dlq (dead-lettered),
 * poison (unreadable records, dead-lettered raw), latency (one attempt), lag (records behind, a gauge).
 */
public final class NotifierMetrics {

    final Counter sent;
    final Counter failed;
    final Counter retried;
    final Counter dlq;
    final Counter poison;
    final Timer latency;

    public NotifierMetrics(MetricRegistry metrics, String channel, LongSupplier lag) {
        this.sent = metrics.counter(name(channel, "sent"));
        this.failed = metrics.counter(name(channel, "failed"));
        this.retried = metrics.counter(name(channel, "retried"));
        this.dlq = metrics.counter(name(channel, "dlq"));
        this.poison = metrics.counter(name(channel, "poison"));
        this.latency = metrics.timer(name(channel, "latency"));
        // a restarted service replaces its predecessor's gauge instead of reporting the stopped consumer's lag
        metrics.remove(name(channel, "lag"));
        metrics.register(name(channel, "lag"), (Gauge<Long>) lag::getAsLong);
    }

    public static String name(String channel, String what) {
        return MetricRegistry.name("notifier", channel, what);
    }
}
