package io.firebreak.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * CPU time spent by this JVM's threads whose name matches a pattern (see {@link #streamThreads}). CPU per alert stays comparable when other work shares the machine,
 * where a rate in alerts/s does not: on a loaded two-core machine the stream thread simply gets less of a core.
 */
final class ThreadCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Pattern names;
    private final Map<Long, Long> start;

    /** Starts counting the threads whose whole name matches (threads started later count from zero). */
    ThreadCpu(Pattern names) {
        this.names = names;
        this.start = snapshot();
    }

    /**
     * The stream threads of one Kafka Streams application: {@code <application id>-<process uuid>-StreamThread-<n>}
     * (not those of {@code <application id>-slo}, which share the prefix).
     */
    static ThreadCpu streamThreads(String applicationId) {
        return new ThreadCpu(Pattern.compile(Pattern.quote(applicationId) + "-[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}-StreamThread-\\d+"));
    }

    /** CPU nanoseconds the matching threads used since this object was made; -1 where the JVM cannot measure it. */
    long nanosSinceStart() {
        if (!THREADS.isThreadCpuTimeSupported()) {
            return -1;
        }
        long total = 0;
        for (Map.Entry<Long, Long> now : snapshot().entrySet()) {
            total += now.getValue() - start.getOrDefault(now.getKey(), 0L);
        }
        return total;
    }

    private Map<Long, Long> snapshot() {
        Map<Long, Long> cpu = new HashMap<>();
        if (!THREADS.isThreadCpuTimeSupported()) {
            return cpu;
        }
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null && names.matcher(info.getThreadName()).matches()) {
                long nanos = THREADS.getThreadCpuTime(info.getThreadId());
                if (nanos >= 0) {
                    cpu.put(info.getThreadId(), nanos);
                }
            }
        }
        return cpu;
    }
}
