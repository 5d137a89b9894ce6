package io.firebreak.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The Markdown report: each measure, its value, and its ratio to the raw Kafka figure of the same run. */
public final class ResultsTable {

    private record Row(String measure, String value, String ratio, String basis) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public void section(String title) {
        rows.add(new Row("**" + title + "**", "", "", ""));
    }

    public void add(String measure, String value) {
        rows.add(new Row(measure, value, "", ""));
    }

    /** A measure with its ratio to a raw Kafka baseline: value ÷ baseline. */
    public void add(String measure, String value, double numerator, double baseline, String basis) {
        rows.add(new Row(measure, value, baseline == 0 ? "n/a" : fmt("%.3f×", numerator / baseline), basis));
    }

    public void note(String note) {
        notes.add(note);
    }

    public String markdown(String header) {
        StringBuilder out = new StringBuilder(header).append("\n\n| measure | value | ratio to raw Kafka | raw Kafka basis |\n|---|---|---|---|\n");
        for (Row row : rows) {
            out.append("| ").append(row.measure()).append(" | ").append(row.value()).append(" | ")
                    .append(row.ratio()).append(" | ").append(row.basis()).append(" |\n");
        }
        if (!notes.isEmpty()) {
            out.append('\n');
            notes.forEach(n -> out.append("- ").append(n).append('\n'));
        }
        return out.toString();
    }

    public static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    public static String latency(LatencyStats s) {
        return fmt("p50 %.1f · p90 %.1f · p99 %.1f · p99.9 %.1f · max %.1f ms", s.p50(), s.p90(), s.p99(), s.p999(), s.max());
    }
}
