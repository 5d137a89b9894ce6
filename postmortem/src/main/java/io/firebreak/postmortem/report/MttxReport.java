package io.firebreak.postmortem.report;

import io.firebreak.events.Postmortem;
import io.firebreak.postmortem.Mttx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * MTTD / MTTA / MTTM / MTTR over many postmortems, for {@code GET /v1/reports/mttx?since=}. Each incident counts
 * once (its latest revision), and a metric that was "n/a" for an incident is left out of that metric's
 * statistics instead of counting as zero.
 *
 * @param since     only incidents that started at or after this instant; empty = all
 * @param incidents how many incidents the report covers
 */
public record MttxReport(Optional<Instant> since, int incidents, MttxStats mttd, MttxStats mtta, MttxStats mttm, MttxStats mttr) {

    public static MttxReport of(Collection<Postmortem> postmortems, Optional<Instant> since) {
        return ofSamples(postmortems.stream().map(MttxSample::of).toList(), since);
    }

    public static MttxReport ofSamples(Collection<MttxSample> samples, Optional<Instant> since) {
        Map<String, MttxSample> latest = new LinkedHashMap<>();
        for (MttxSample sample : samples) {
            if (since.isPresent() && sample.startedAt().isBefore(since.get())) {
                continue;
            }
            latest.merge(sample.incidentId(), sample, (a, b) -> b.revision() >= a.revision() ? b : a);
        }
        Collection<MttxSample> counted = latest.values();
        return new MttxReport(since, counted.size(),
                stats(counted, Mttx::mttdSeconds), stats(counted, Mttx::mttaSeconds),
                stats(counted, Mttx::mttmSeconds), stats(counted, Mttx::mttrSeconds));
    }

    private static MttxStats stats(Collection<MttxSample> samples, Function<Mttx, OptionalLong> metric) {
        List<Long> values = new ArrayList<>();
        for (MttxSample sample : samples) {
            metric.apply(sample.mttx()).ifPresent(values::add);
        }
        return MttxStats.of(values);
    }
}
