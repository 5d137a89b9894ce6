package io.firebreak.schemas;

/**
 * The bounds that keep one incident record (on {@code firebreak.incidents.v1}, its changelog and its postmortem) under
 * {@link #RECORD_BYTES} whatever the storm: 50,000 signals, 1,000 notes or 10,000 commands. A record over Kafka's
 * {@code max.message.bytes} cannot be written, and an unwritable incident used to stop correlation for every cluster
 * of its task. The incident keeps what an on-call engineer reads first (counts, a sample, an aggregated timeline);
 * every signal in full lives on {@link Topics#INCIDENT_SIGNALS}.
 *
 * <p>The worst case, every list full and every text at its limit, is about {@code TIMELINE_BYTES (80 KiB) + SAMPLE × 2 KiB
 * + GROUPS × 0.15 KiB + ACTION_ITEMS × 1 KiB + ROOT_CAUSES × EVIDENCE_ITEMS × 0.25 KiB + origin, changes, burn,
 * commands (≈ 40 KiB)} ≈ 220 KiB; {@code IncidentBoundsTest} builds it and measures.
 */
public final class IncidentLimits {

    /** Upper bound of one serialized incident record. */
    public static final int RECORD_BYTES = 256 * 1024;
    /** Signals kept in full on the record (firing first, by severity, newest). */
    public static final int SAMPLE = 20;
    /** Distinct (alertName, service, status) counters on the record; more fold into one "(other)" counter. */
    public static final int GROUPS = 200;
    /** Services named on the record (correlation, routing, RCA); further services are counted in the groups only. */
    public static final int SERVICES = 100;
    /** Timeline entries and their total text; the oldest entries that are not stage transitions go first. */
    public static final int TIMELINE_ENTRIES = 300;
    public static final int TIMELINE_BYTES = 80 * 1024;
    /** Signals that get their own "joined" / "resolved" timeline entry; after that they are aggregated. */
    public static final int INDIVIDUAL_SIGNAL_ENTRIES = 10;
    /** One note's text; the API refuses a longer one with 413. */
    public static final int NOTE_BYTES = 8 * 1024;
    /** One action item's description: a line of work, not a document; the API refuses a longer one with 413. */
    public static final int ACTION_ITEM_BYTES = 1024;
    /** Any other text kept on the record: a label value, one timeline evidence item. */
    public static final int TEXT = 1024;
    /** A sampled signal's alert name and summary. */
    public static final int SAMPLE_TEXT = 512;
    /** The alert name and service of one (alertName, service, status) counter. */
    public static final int GROUP_TEXT = 64;
    /** One evidence item of a root-cause candidate. */
    public static final int EVIDENCE_TEXT = 256;
    /** Evidence items per timeline entry or root cause. */
    public static final int EVIDENCE_ITEMS = 8;
    /** Total label text of one sampled signal (the origin, whose labels are routed on, gets four times as much). */
    public static final int LABEL_BYTES = 1024;
    /** Ids of applied commands remembered for idempotency (older repeats are also caught by the timeline). */
    public static final int RECENT_COMMANDS = 256;
    /** The command rules refuse more ({@link io.firebreak.core.command.CommandRules#MAX_ACTION_ITEMS}). */
    public static final int ACTION_ITEMS = io.firebreak.core.command.CommandRules.MAX_ACTION_ITEMS;
    public static final int ROOT_CAUSES = 10;
    public static final int SUSPECT_CHANGES = 20;
    /** SLO burn snapshots (one per SLO covering the incident's services). */
    public static final int BURN_SNAPSHOTS = 20;

    private IncidentLimits() {
    }

    /** {@code text} cut to at most {@code max} characters, marked with an ellipsis when cut. */
    public static String clip(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, Math.max(0, max - 1)) + "…";
    }
}
