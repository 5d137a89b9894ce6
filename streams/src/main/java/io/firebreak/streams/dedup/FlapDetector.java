package io.firebreak.streams.dedup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Flapping (DESIGN §6.1): more than {@code flips} state flips (firing ⇄ resolved) of one fingerprint within
 * {@code within}. Remembers only the flip times inside the window, as a comma-separated string (small, and
 * bounded by flips + 1 entries).
 */
public final class FlapDetector {

    public record Verdict(String remembered, boolean flapping) {
    }

    private final int flips;
    private final Duration within;

    public FlapDetector(int flips, Duration within) {
        this.flips = flips;
        this.within = within;
    }

    public Verdict flip(String remembered, long at) {
        List<Long> times = new ArrayList<>(parse(remembered));
        times.add(at);
        times.removeIf(t -> t < at - within.toMillis());
        while (times.size() > flips + 1) {
            times.remove(0);
        }
        return new Verdict(String.join(",", times.stream().map(String::valueOf).toList()), times.size() > flips);
    }

    /** Whether the remembered flips are all older than the window, so the entry may be dropped. */
    public boolean stale(String remembered, long now) {
        return parse(remembered).stream().allMatch(t -> t < now - within.toMillis());
    }

    private static List<Long> parse(String remembered) {
        if (remembered == null || remembered.isBlank()) {
            return List.of();
        }
        return Arrays.stream(remembered.split(",")).map(Long::parseLong).toList();
    }
}
