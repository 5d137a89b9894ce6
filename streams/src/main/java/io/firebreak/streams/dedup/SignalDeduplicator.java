package io.firebreak.streams.dedup;

import static io.firebreak.schemas.CoreTypes.severity;

import io.firebreak.events.Signal;
import io.firebreak.events.SignalRef;
import io.firebreak.events.SignalSource;
import io.firebreak.events.SignalStatus;
import io.firebreak.streams.correlation.SignalRefs;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Dedup by fingerprint (DESIGN §6.1). Alertmanager re-sends every firing alert on each group interval;
 * only a new fingerprint, a status flip (firing ⇄ resolved) or a severity rise goes on to correlation.
 * Repeats only bump the remembered count and lastSeen.
 *
 * <p>An Alertmanager alert's firing episode is its fingerprint plus its {@code startsAt}: Prometheus gives an alert
 * that fires again a new {@code startsAt}, while every notification of one episode, from either replica of an HA
 * pair, carries the same one. So a "firing" for the episode already resolved, or for an older episode, is a stale
 * resend of a replica that has not seen the resolve yet: neither a flip nor forwarded. A "firing" with a newer
 * {@code startsAt} after a resolve is a real re-fire, and flips. Other sources keep the plain status comparison.
 */
public final class SignalDeduplicator {

    /** {@code flipped}: the signal really changed between firing and resolved (what the flap detector counts). */
    public record Decision(boolean forward, boolean flipped, SignalRef remembered) {
    }

    public Decision decide(Optional<SignalRef> previous, Signal signal, Instant at) {
        if (previous.isEmpty()) {
            // labels stay with the incident; the dedup entry only needs identity, status and timing
            SignalRef first = SignalRefs.first(signal, at);
            first.setLabels(Map.of());
            first.setEpisodeStartsAt(episodeOf(signal));
            return new Decision(true, false, first);
        }
        SignalRef known = previous.get();
        Instant episode = episodeOf(signal);
        Instant knownEpisode = known.getEpisodeStartsAt();
        boolean stale = episode != null && knownEpisode != null && (episode.isBefore(knownEpisode)
                || episode.equals(knownEpisode) && known.getStatus() == SignalStatus.RESOLVED && signal.getStatus() == SignalStatus.FIRING);
        boolean flipped = !stale && known.getStatus() != signal.getStatus();
        boolean severityRose = !stale && severity(signal.getSeverity()).isHigherThan(severity(known.getSeverity()));
        SignalRef.Builder next = SignalRef.newBuilder(known)
                .setCount(known.getCount() + 1)
                .setLastSeen(at.isAfter(known.getLastSeen()) ? at : known.getLastSeen());
        if (!stale && episode != null) {
            next.setEpisodeStartsAt(episode);
        }
        if (flipped) {
            next.setStatus(signal.getStatus()).setFlips(known.getFlips() + 1);
        }
        if (severityRose) {
            next.setSeverity(signal.getSeverity());
        }
        return new Decision(flipped || severityRose, flipped, next.build());
    }

    /** The firing episode an Alertmanager alert belongs to; none for other sources. */
    private static Instant episodeOf(Signal signal) {
        return signal.getSource() == SignalSource.ALERTMANAGER ? signal.getStartsAt() : null;
    }
}
