package io.firebreak.slo;

import java.util.Optional;

/** Events of one SLO at one instant, from a log record (1 event) or a Prometheus poll (an aggregate). */
record SliCount(long at, long good, long total, Optional<String> cluster) {
}
