package io.firebreak.postmortem;

import io.firebreak.events.Postmortem;
import io.firebreak.events.RootCauseCandidate;
import io.firebreak.events.SignalRef;
import io.firebreak.events.SuspectChange;
import io.firebreak.postmortem.render.Durations;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;

/** The few sentences at the top of a postmortem, written from its facts so every revision says the same thing. */
final class Summary {

    private Summary() {
    }

    static String of(Postmortem postmortem, int reopens) {
        StringBuilder text = new StringBuilder();
        List<String> services = postmortem.getServices();
        text.append(postmortem.getSeverity()).append(" incident in cluster ").append(postmortem.getCluster());
        if (!services.isEmpty()) {
            text.append(" affecting ").append(String.join(", ", services));
        }
        text.append(". ");

        List<SignalRef> signals = postmortem.getSignals();
        int distinct = Impact.distinctSignals(postmortem);
        TreeSet<String> sources = new TreeSet<>();
        signals.forEach(s -> sources.add(s.getSource().name()));
        text.append(String.format(java.util.Locale.ROOT, "%,d", distinct)).append(distinct == 1 ? " distinct signal" : " distinct signals");
        if (distinct == signals.size()) {
            // every signal is on the record: how many times they were received is known too
            text.append(" (").append(signals.stream().mapToLong(SignalRef::getCount).sum()).append(" received");
        } else {
            text.append(" (").append(signals.size()).append(" listed below");
        }
        if (!sources.isEmpty()) {
            text.append(" from ").append(String.join(", ", sources));
        }
        text.append("). ");

        if (postmortem.getEndedAt() != null) {
            Duration lasted = Duration.between(postmortem.getStartedAt(), postmortem.getEndedAt());
            text.append("Impact lasted ").append(Durations.human(lasted)).append('.');
        } else {
            text.append("Impact was still ongoing when this was written.");
        }
        if (reopens > 0) {
            text.append(" Reopened ").append(reopens).append(reopens == 1 ? " time." : " times.");
        }

        List<RootCauseCandidate> causes = postmortem.getRootCauses();
        if (!causes.isEmpty()) {
            RootCauseCandidate best = causes.get(0);
            text.append(" Most likely root cause: ").append(best.getService())
                    .append(String.format(java.util.Locale.ROOT, " (score %.2f)", best.getScore()));
            if (!best.getEvidence().isEmpty()) {
                text.append(": ").append(best.getEvidence().get(0));
            }
            text.append('.');
        }
        List<SuspectChange> changes = postmortem.getSuspectChanges();
        if (!changes.isEmpty()) {
            SuspectChange last = changes.get(changes.size() - 1);
            text.append(" Suspect change: ").append(last.getKind().name().toLowerCase(java.util.Locale.ROOT))
                    .append(" of ").append(last.getService());
            if (last.getVersion() != null) {
                text.append(' ').append(last.getVersion());
            }
            text.append(" at ").append(Durations.utc(last.getAt())).append('.');
        }
        return text.toString();
    }
}
