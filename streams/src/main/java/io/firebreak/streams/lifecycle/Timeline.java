package io.firebreak.streams.lifecycle;

import io.firebreak.events.Incident;
import io.firebreak.events.TimelineEntry;
import io.firebreak.schemas.IncidentLimits;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Non-transition timeline entries (signal, note, rejected, enrichment, escalation, notified...), and the bound on the
 * whole timeline: at most {@link IncidentLimits#TIMELINE_ENTRIES} entries and {@link IncidentLimits#TIMELINE_BYTES}
 * of text. Over the bound the oldest entries go, stage transitions last (the stage machine reads them), and
 * {@code timelineOmitted} counts what went. A storm's signals are summed up in one entry per burst
 * ({@link #aggregate}) instead of one entry each.
 */
public final class Timeline {

    public static final String ACTOR = "firebreak";
    /** Kinds the lifecycle reads back: they go only when nothing else is left to drop. */
    private static final Set<String> KEPT_LONGEST = Set.of("transition", "reopen", "notified");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final String COUNT = "count ";
    private static final String UNTIL = "until ";
    /** How far back an open aggregate entry is looked for: a few other entries may come between two bursts' signals. */
    private static final int AGGREGATE_LOOKBACK = 8;
    /** The start and end of the burst last written on this thread: see {@link #aggregateEntry}. */
    private static final ThreadLocal<LastFormatted> FROM = ThreadLocal.withInitial(LastFormatted::new);
    private static final ThreadLocal<LastFormatted> UNTIL_TIME = ThreadLocal.withInitial(LastFormatted::new);

    private Timeline() {
    }

    public static void add(Incident incident, Instant at, String kind, String cause, String actor, List<String> evidence) {
        List<TimelineEntry> timeline = new ArrayList<>(incident.getTimeline());
        timeline.add(entry(at, null, kind, cause, actor, evidence));
        incident.setTimeline(timeline);
        bound(incident);
    }

    public static void add(Incident incident, Instant at, String kind, String cause) {
        add(incident, at, kind, cause, ACTOR, List.of());
    }

    /** A timeline entry with every text clipped to the record's limits. */
    public static TimelineEntry entry(Instant at, io.firebreak.events.Stage stage, String kind, String cause, String actor,
                                      List<String> evidence) {
        List<String> kept = new ArrayList<>(Math.min(evidence.size(), IncidentLimits.EVIDENCE_ITEMS));
        for (String item : evidence) {
            if (kept.size() == IncidentLimits.EVIDENCE_ITEMS) {
                break;
            }
            kept.add(IncidentLimits.clip(item, IncidentLimits.TEXT));
        }
        return TimelineEntry.newBuilder().setAt(at).setStage(stage).setKind(kind)
                .setCause(IncidentLimits.clip(cause, IncidentLimits.NOTE_BYTES))
                .setActor(IncidentLimits.clip(actor, 256)).setEvidence(kept).build();
    }

    /**
     * Counts one more signal event of a burst ("1,204 more signals joined 09:12:03–09:14:40"): the open entry of this
     * kind among the last few grows, else a new one starts at {@code at}. {@code noun} completes the sentence, e.g.
     * "more signals joined".
     */
    public static void aggregate(Incident incident, Instant at, String kind, String noun) {
        List<TimelineEntry> timeline = new ArrayList<>(incident.getTimeline());
        for (int i = timeline.size() - 1; i >= Math.max(0, timeline.size() - AGGREGATE_LOOKBACK); i--) {
            TimelineEntry entry = timeline.get(i);
            if (entry.getStage() != null || "reopen".equals(entry.getKind())) {
                break; // a stage change closes the burst: later signals start a new entry after it
            }
            if (kind.equals(entry.getKind())) {
                long count = count(entry) + 1;
                timeline.set(i, aggregateEntry(entry.getAt(), at, kind, noun, count));
                incident.setTimeline(timeline);
                return;
            }
        }
        timeline.add(aggregateEntry(at, at, kind, noun, 1));
        incident.setTimeline(timeline);
        bound(incident);
    }

    /**
     * Rewritten for every signal of a storm, so built without Avro's validating builder or {@code String.format}, and
     * with the times formatted once per instant: a burst keeps its start, and signals of one request share their time.
     */
    private static TimelineEntry aggregateEntry(Instant from, Instant until, String kind, String noun, long count) {
        Formatted start = FROM.get().of(from);
        Formatted end = UNTIL_TIME.get().of(until);
        String span = start.clock() + (until.equals(from) ? "" : "–" + end.clock());
        return new TimelineEntry(from, null, kind, grouped(count) + " " + noun + " " + span, ACTOR, List.of(COUNT + count, UNTIL + end.iso()));
    }

    /** An instant as the timeline writes it: {@code HH:mm:ss} (UTC) in the text, ISO-8601 in the evidence. */
    private record Formatted(Instant at, String clock, String iso) {
        static final Formatted NONE = new Formatted(null, "", "");
    }

    /** The last instant formatted on this thread (each stream thread has its own). */
    private static final class LastFormatted {
        private Formatted last = Formatted.NONE;

        Formatted of(Instant at) {
            if (!at.equals(last.at())) {
                last = new Formatted(at, CLOCK.format(at), at.toString());
            }
            return last;
        }
    }


    /** 12345 → "12,345", as {@code %,d} writes it in an English locale. */
    static String grouped(long count) {
        String digits = Long.toString(Math.abs(count));
        StringBuilder out = new StringBuilder(digits.length() + digits.length() / 3 + 1);
        if (count < 0) {
            out.append('-');
        }
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (digits.length() - i) % 3 == 0) {
                out.append(',');
            }
            out.append(digits.charAt(i));
        }
        return out.toString();
    }

    private static long count(TimelineEntry entry) {
        for (String item : entry.getEvidence()) {
            if (item.startsWith(COUNT)) {
                return Long.parseLong(item.substring(COUNT.length()));
            }
        }
        return 1;
    }

    /** Drops the oldest entries until the timeline fits its bound, stage transitions last. */
    public static void bound(Incident incident) {
        List<TimelineEntry> timeline = incident.getTimeline();
        long bytes = 0;
        for (TimelineEntry entry : timeline) {
            bytes += size(entry);
        }
        if (timeline.size() <= IncidentLimits.TIMELINE_ENTRIES && bytes <= IncidentLimits.TIMELINE_BYTES) {
            return;
        }
        List<TimelineEntry> kept = new ArrayList<>(timeline);
        int dropped = 0;
        for (boolean protectedToo : new boolean[] {false, true}) {
            for (int i = 0; i < kept.size() - 1 && (kept.size() > IncidentLimits.TIMELINE_ENTRIES || bytes > IncidentLimits.TIMELINE_BYTES); ) {
                TimelineEntry entry = kept.get(i);
                if (protectedToo || !KEPT_LONGEST.contains(entry.getKind())) {
                    kept.remove(i);
                    bytes -= size(entry);
                    dropped++;
                } else {
                    i++;
                }
            }
        }
        incident.setTimeline(kept);
        incident.setTimelineOmitted(incident.getTimelineOmitted() + dropped);
    }

    /** Serialized size, near enough: UTF-8 text plus a fixed overhead per entry and item. */
    private static long size(TimelineEntry entry) {
        long size = 24 + utf8(entry.getCause()) + utf8(entry.getActor()) + entry.getKind().length();
        for (String item : entry.getEvidence()) {
            size += 2 + utf8(item);
        }
        return size;
    }

    private static long utf8(String text) {
        long size = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            size += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return size;
    }

    public static boolean has(Incident incident, String kind) {
        return incident.getTimeline().stream().anyMatch(e -> kind.equals(e.getKind()));
    }

    /** Whether any entry carries this evidence string (used to make commands idempotent by command id). */
    public static boolean hasEvidence(Incident incident, String evidence) {
        return incident.getTimeline().stream().anyMatch(e -> e.getEvidence().contains(evidence));
    }
}
