package io.firebreak.bench;

import static io.firebreak.bench.ResultsTable.fmt;

import io.firebreak.schemas.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Correlation throughput: a bounded count of distinct alerts (many clusters and services, 100 per request, warning so
 * nothing pages) as fast as the HTTP clients go, against how fast the correlation gets through them. "Correlated" is
 * read from the correlation's own progress: its consumer group's committed offsets on {@code firebreak.signals.v1}
 * (see {@link CorrelationProgress}), sampled every 100 ms. The accept rate is alerts ÷ (first POST → last 202); the
 * correlation rate is the same alerts ÷ (first POST → the group committed past every accepted alert). A ratio of 1
 * means the correlation keeps up with ingest.
 */
public record ThroughputBench(FirebreakClient client, String bootstrapServers, String correlationGroup, BenchOptions options, ScaleOptions scale) {

    /** Outcome; {@code caughtUp} false means the drain limit passed first and {@code fractionDone} says how far it got. */
    public record Result(HttpLoad.Result http, int batch, long alerts, double acceptSeconds, double correlatedSeconds, boolean caughtUp,
                         double fractionDone, long behindWhenAccepted, long correlationCpuNanos, List<String> timeline, String failure) {

        /** CPU time of the correlation's stream threads per accepted alert, in microseconds (-1: not measurable). */
        public double cpuMicrosPerAlert() {
            return correlationCpuNanos < 0 || alerts == 0 ? -1 : correlationCpuNanos / 1e3 / alerts;
        }

        public double acceptRate() {
            return acceptSeconds == 0 ? 0 : alerts / acceptSeconds;
        }

        /** Alerts correlated per second; when the drain limit passed first, the share done over the time waited. */
        public double correlationRate() {
            return correlatedSeconds == 0 ? 0 : alerts * fractionDone / correlatedSeconds;
        }

        public double ratio() {
            return acceptRate() == 0 ? 0 : correlationRate() / acceptRate();
        }

        public boolean holds() {
            return failure.isEmpty() && caughtUp && http.count(500, 599) == 0 && http.transportErrors() == 0
                    && http.accepted() == http.requests().items();
        }
    }

    public Result run(String runId) throws Exception {
        int batch = scale.throughputBatch();
        int groups = scale.throughputClusters() * scale.throughputServices();
        int requests = Math.max(1, scale.throughputAlerts() / batch);
        List<String> timeline = new ArrayList<>();
        try (CorrelationProgress progress = new CorrelationProgress(bootstrapServers, correlationGroup, Topics.SIGNALS.name())) {
            Map<TopicPartition, Long> from = progress.endOffsets();
            ThreadCpu correlationCpu = ThreadCpu.streamThreads(correlationGroup);
            long start = System.nanoTime();
            HttpLoad.Result http = new HttpLoad(client, options.clients()).run(requests, start + scale.throughputTimeLimit().toNanos(), n -> {
                int group = n % groups;
                String cluster = "tp-" + runId + "-c" + group % scale.throughputClusters();
                String service = "svc-" + group / scale.throughputClusters();
                List<AlertPayloads.Alert> alerts = new ArrayList<>(batch);
                for (int j = 0; j < batch; j++) {
                    alerts.add(new AlertPayloads.Alert("tp" + runId + "r" + n + "a" + j, service + "-pod-" + (n * batch + j)));
                }
                return AlertPayloads.firing(cluster, service, "warning", alerts);
            });
            long accepted = System.nanoTime();
            double acceptSeconds = (accepted - start) / 1e9;
            // every accepted alert was committed before its 202: all of them lie below this snapshot
            Map<TopicPartition, Long> target = progress.endOffsets();
            long behind = CorrelationProgress.behind(progress.committed(), target);
            timeline.add(fmt("%.1f s: ingest done, %d accepted alerts, correlation %d offsets behind", acceptSeconds,
                    http.accepted() * batch, behind));
            long deadline = accepted + scale.throughputDrainLimit().toNanos();
            long lastNote = accepted;
            Map<TopicPartition, Long> committed = progress.committed();
            while (CorrelationProgress.behind(committed, target) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(100); // polling the group's committed offsets: nothing to await on
                committed = progress.committed();
                if (System.nanoTime() - lastNote > 5_000_000_000L) {
                    lastNote = System.nanoTime();
                    String note = fmt("%.1f s: correlation %.0f %% done, %d offsets behind", (lastNote - start) / 1e9,
                            100 * CorrelationProgress.fractionDone(from, committed, target), CorrelationProgress.behind(committed, target));
                    timeline.add(note);
                    System.out.println("[bench] throughput: " + note);
                }
            }
            boolean caughtUp = CorrelationProgress.behind(committed, target) == 0;
            double correlatedSeconds = (System.nanoTime() - start) / 1e9;
            return new Result(http, batch, http.accepted() * batch, acceptSeconds, correlatedSeconds, caughtUp,
                    CorrelationProgress.fractionDone(from, committed, target), behind, correlationCpu.nanosSinceStart(), timeline, "");
        }
    }
}
