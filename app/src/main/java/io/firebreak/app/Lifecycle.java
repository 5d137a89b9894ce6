package io.firebreak.app;

import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Start-up and shutdown of the Kafka Streams applications. */
final class Lifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);

    private Lifecycle() {
    }

    /**
     * What a stream thread does when it dies: it is replaced, and with exactly-once the replacement resumes from the
     * last committed transaction. The default would shut the whole client down — every incident of every cluster
     * stops moving, silently — which is the worst outcome for a pager (e.g. a schema registry blip while writing).
     */
    static void replaceDeadThreads(KafkaStreams streams, String name, Runnable onDeath) {
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("event=stream_thread_died streams={} action=replace_thread error=\"{}\"", name, e.toString(), e);
            onDeath.run(); // a thread that keeps dying keeps the state RUNNING while nothing moves: /healthcheck counts them
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    }

    /** A Dropwizard-managed lifecycle from two actions: started with the server, stopped in reverse order of registration. */
    static Managed managed(Runnable start, Runnable stop) {
        return new Managed() {
            @Override
            public void start() {
                start.run();
            }

            @Override
            public void stop() {
                stop.run();
            }
        };
    }

    /**
     * A Kafka Streams application started on a thread of its own. {@link KafkaStreams#start()} opens every local store
     * once before it returns, seconds after a crash with a few stores per task, and nothing else has to wait for that:
     * the other application opens its stores meanwhile, the notifiers start, and the HTTP port takes alerts (Kafka
     * holds them until correlation runs; health says when it does). Stopping waits for the start to end first.
     */
    static Managed startedInBackground(String name, KafkaStreams streams) {
        return new Managed() {
            private Thread starter;

            @Override
            public void start() {
                starter = new Thread(() -> {
                    try {
                        streams.start();
                    } catch (RuntimeException e) {
                        // the state stays CREATED or goes to ERROR: /healthcheck turns red after correlation.maxNotRunning
                        LOG.error("event=streams_start_failed streams={} error=\"{}\"", name, e.toString(), e);
                    }
                }, "firebreak-" + name + "-start");
                starter.start();
            }

            @Override
            public void stop() throws InterruptedException {
                if (starter != null) { // null when the server failed before reaching this start
                    starter.join(Duration.ofSeconds(60).toMillis());
                }
                closeLeavingGroup(streams);
            }
        };
    }

    /**
     * Closes and leaves the consumer group. A plain close keeps the member until its session times out (45 s), so a
     * restarted instance would get no partitions — and page nobody — for that long.
     */
    static void closeLeavingGroup(KafkaStreams streams) {
        streams.close(CloseOptions.timeout(Duration.ofSeconds(30))
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
    }
}
