package io.firebreak.postmortem.logs;

import java.util.List;
import java.util.Optional;

/**
 * What one Loki query gave: the lines (newest first), or why there are none.
 *
 * @param failure empty on success; otherwise a short reason fit for the postmortem (no URLs with tokens, no bodies)
 * @param reachable false when Loki could not be reached at all (connection refused, timeout): no point asking again
 */
public record LokiResult(List<String> lines, Optional<String> failure, boolean reachable) {

    public static LokiResult ok(List<String> lines) {
        return new LokiResult(List.copyOf(lines), Optional.empty(), true);
    }

    public static LokiResult failed(String reason, boolean reachable) {
        return new LokiResult(List.of(), Optional.of(reason), reachable);
    }
}
