package io.firebreak.postmortem.render;

import io.firebreak.events.BurnSnapshot;
import io.firebreak.events.Postmortem;
import io.firebreak.events.Severity;
import io.firebreak.events.SignalRef;
import io.firebreak.events.SignalStatus;
import io.firebreak.events.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The picture of a postmortem, from firebreak's own record of the incident: one lane per contributing signal (firing from
 * first to last sighting, or to the end of the window while still firing), the lifecycle stages as vertical markers, and
 * per SLO the burn rate of every window against the multiwindow thresholds (14.4×, 6×, 3×, 1×) with the budget left.
 */
public final class IncidentChart {

    /** The burn-rate thresholds of the multiwindow table (contract slo-burn-rate.md), drawn as reference lines. */
    static final List<Double> BURN_THRESHOLDS = List.of(14.4, 6.0, 3.0, 1.0);
    private static final List<String> WINDOW_ORDER = List.of("5m", "30m", "1h", "2h", "6h", "24h", "3d");
    private static final Map<Severity, String> COLOURS = Map.of(Severity.CRITICAL, "#c62828", Severity.HIGH, "#ef6c00",
            Severity.MEDIUM, "#f9a825", Severity.LOW, "#1565c0");
    private static final DateTimeFormatter HOUR_MINUTE = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private static final int WIDTH = 960;
    private static final int LABELS = 260;
    private static final int PLOT_LEFT = LABELS + 10;
    private static final int PLOT_RIGHT = WIDTH - 20;
    private static final int LANE = 18;
    private static final int STAGE_ROWS = 4;
    /** Roughly the width of a character of the 10 px stage labels, to keep labels from overlapping. */
    private static final double CHAR_WIDTH = 6.2;
    private static final int BURN_ROW = 16;

    private IncidentChart() {
    }

    /** {@code <incident-id>.svg}, safe as a file name beside the Markdown. */
    public static String fileName(String incidentId) {
        return FileNames.base(incidentId) + ".svg";
    }

    public static String render(Postmortem postmortem) {
        List<SignalRef> signals = postmortem.getSignals();
        List<TimelineEntry> stages = postmortem.getTimeline().stream().filter(e -> e.getStage() != null).toList();
        Instant from = postmortem.getStartedAt();
        Instant to = postmortem.getEndedAt() != null ? postmortem.getEndedAt() : postmortem.getGeneratedAt();
        for (SignalRef signal : signals) {
            from = min(from, signal.getFirstSeen());
            to = max(to, signal.getLastSeen());
        }
        for (TimelineEntry entry : stages) {
            from = min(from, entry.getAt());
            to = max(to, entry.getAt());
        }
        Duration margin = Duration.ofMillis(Math.max(60_000, Duration.between(from, to).toMillis() / 20));
        TimeAxis axis = new TimeAxis(from.minus(margin), to.plus(margin));

        int stagesTop = 50;
        int lanesTop = stagesTop + STAGE_ROWS * 14 + 10;
        int lanesBottom = lanesTop + Math.max(1, signals.size()) * LANE;
        int burnTop = lanesBottom + 50;
        int burnHeight = postmortem.getBurn().stream().mapToInt(b -> 32 + WINDOW_ORDER.size() * BURN_ROW).sum();
        int height = burnTop + Math.max(burnHeight, 20) + 20;

        Svg svg = new Svg(WIDTH, height, "Incident " + postmortem.getIncidentId() + ": signals and SLO burn",
                signals.size() + " signals, " + stages.size() + " lifecycle stages, " + postmortem.getBurn().size() + " SLOs, "
                        + Durations.utc(axis.from) + " to " + Durations.utc(axis.to));
        svg.empty("rect", "width", "100%", "height", "100%", "fill", "#ffffff");
        svg.label(10, 20, "Incident " + postmortem.getIncidentId() + " (" + postmortem.getSeverity() + "): " + postmortem.getTitle(),
                "font-size", "14", "font-weight", "bold");
        svg.label(10, 36, Durations.utc(axis.from) + " to " + Durations.utc(axis.to) + " (UTC)", "fill", "#555555");

        timeAxis(svg, axis, stagesTop, lanesBottom);
        signalLanes(svg, axis, signals, lanesTop);
        stageMarkers(svg, axis, stages, stagesTop, lanesBottom);
        burnPanel(svg, postmortem.getBurn(), burnTop);
        return svg.finish();
    }

    private static void timeAxis(Svg svg, TimeAxis axis, int top, int bottom) {
        svg.empty("line", "x1", n(PLOT_LEFT), "y1", n(bottom), "x2", n(PLOT_RIGHT), "y2", n(bottom), "stroke", "#333333");
        int ticks = 6;
        for (int i = 0; i <= ticks; i++) {
            Instant at = axis.from.plusMillis(axis.length().toMillis() * i / ticks);
            double x = axis.x(at);
            svg.empty("line", "x1", n(x), "y1", n(top), "x2", n(x), "y2", n(bottom + 4), "stroke", "#eeeeee");
            svg.label(x, bottom + 16, HOUR_MINUTE.format(at), "text-anchor", "middle", "fill", "#555555");
        }
    }

    private static void signalLanes(Svg svg, TimeAxis axis, List<SignalRef> signals, int top) {
        if (signals.isEmpty()) {
            svg.label(PLOT_LEFT, top + 12, "no signals recorded", "fill", "#555555");
        }
        for (int i = 0; i < signals.size(); i++) {
            SignalRef signal = signals.get(i);
            double y = top + i * LANE;
            Instant end = signal.getStatus() == SignalStatus.FIRING ? axis.to : signal.getLastSeen();
            double x1 = axis.x(signal.getFirstSeen());
            double x2 = Math.max(axis.x(end), x1 + 2);
            String name = signal.getAlertName() != null ? signal.getAlertName() : signal.getFingerprint();
            String label = shorten(name + " · " + signal.getService(), 42);
            svg.label(LABELS, y + 12, label, "text-anchor", "end");
            svg.start("rect", "class", "signal", "x", n(x1), "y", n(y + 2), "width", n(x2 - x1), "height", n(LANE - 5),
                    "fill", COLOURS.getOrDefault(signal.getSeverity(), "#757575"), "fill-opacity", signal.getStatus() == SignalStatus.FIRING ? "0.9" : "0.6");
            svg.start("title").text(name + " (" + signal.getService() + ", " + signal.getSeverity() + ", " + signal.getStatus() + "): "
                    + Durations.utc(signal.getFirstSeen()) + " to " + (signal.getStatus() == SignalStatus.FIRING ? "still firing" : Durations.utc(signal.getLastSeen()))
                    + (signal.getSummary() == null ? "" : " · " + signal.getSummary())).end();
            svg.end();
        }
    }

    /** A marker per stage; its label takes the first row where it overlaps no other label, or none (its tooltip stays). */
    private static void stageMarkers(Svg svg, TimeAxis axis, List<TimelineEntry> stages, int top, int bottom) {
        double[] rowEnds = new double[STAGE_ROWS];
        java.util.Arrays.fill(rowEnds, Double.NEGATIVE_INFINITY);
        for (TimelineEntry entry : stages) {
            double x = axis.x(entry.getAt());
            String name = entry.getStage().name();
            boolean leftOfMarker = x > PLOT_RIGHT - 120;
            double labelFrom = leftOfMarker ? x - 2 - name.length() * CHAR_WIDTH : x + 2;
            int row = 0;
            while (row < STAGE_ROWS && rowEnds[row] > labelFrom) {
                row++;
            }
            svg.start("g", "class", "stage");
            svg.empty("line", "x1", n(x), "y1", n(top), "x2", n(x), "y2", n(bottom), "stroke", "#6a1b9a", "stroke-dasharray", "4 3");
            if (row < STAGE_ROWS) {
                rowEnds[row] = labelFrom + name.length() * CHAR_WIDTH + 4;
                svg.label(leftOfMarker ? x - 2 : x + 2, top + 10 + row * 14, name, "fill", "#6a1b9a", "font-size", "10",
                        "text-anchor", leftOfMarker ? "end" : "start");
            }
            svg.start("title").text(name + " at " + Durations.utc(entry.getAt()) + ": " + entry.getCause()).end();
            svg.end();
        }
    }

    /** Per SLO: a bar per window on a log scale (burn rates span 0.01× to 1000×), with the tier thresholds as lines. */
    private static void burnPanel(Svg svg, List<BurnSnapshot> burns, int top) {
        svg.label(10, top - 14, "SLO burn rate per window (error ratio / error budget) at the last burn analysis; lines at "
                + "14.4×, 6×, 3×, 1×", "font-weight", "bold");
        if (burns.isEmpty()) {
            svg.label(PLOT_LEFT, top + 12, "no SLO burn attached to this incident", "fill", "#555555");
            return;
        }
        BurnScale scale = new BurnScale(0.01, 1000);
        int y = top;
        for (BurnSnapshot burn : burns) {
            svg.label(10, y + 12, shorten(burn.getSlo() + " (" + burn.getService() + ")", 40), "font-weight", "bold");
            svg.label(PLOT_LEFT, y + 12, String.format(Locale.ROOT, "budget remaining %.1f%%", burn.getBudgetRemaining() * 100),
                    "class", "budget", "fill", burn.getBudgetRemaining() < 0 ? "#c62828" : "#2e7d32");
            int rowsTop = y + 28;
            for (double threshold : BURN_THRESHOLDS) {
                double x = scale.x(threshold);
                svg.empty("line", "x1", n(x), "y1", n(rowsTop), "x2", n(x), "y2", n(rowsTop + WINDOW_ORDER.size() * BURN_ROW), "stroke", "#9e9e9e",
                        "stroke-dasharray", "2 2");
                svg.label(x, rowsTop - 2, java.math.BigDecimal.valueOf(threshold).stripTrailingZeros().toPlainString() + "×", "text-anchor", "middle", "fill", "#757575", "font-size", "9");
            }
            for (int i = 0; i < WINDOW_ORDER.size(); i++) {
                String window = WINDOW_ORDER.get(i);
                double rowY = rowsTop + i * BURN_ROW;
                svg.label(LABELS, rowY + 11, window, "text-anchor", "end");
                Double rate = burn.getRates().get(window);
                if (rate == null) {
                    svg.label(PLOT_LEFT + 4, rowY + 11, "no data", "fill", "#9e9e9e");
                    continue;
                }
                double width = Math.max(1, scale.x(rate) - PLOT_LEFT);
                String colour = rate > 14.4 ? "#c62828" : rate > 1 ? "#ef6c00" : "#2e7d32";
                svg.start("rect", "class", "burn", "x", n(PLOT_LEFT), "y", n(rowY + 2), "width", n(width), "height", n(BURN_ROW - 4), "fill", colour);
                svg.start("title").text(burn.getSlo() + " " + window + ": " + rate(rate) + "x").end();
                svg.end();
                svg.label(PLOT_LEFT + width + 4, rowY + 11, rate(rate) + "×", "fill", "#333333");
            }
            y = rowsTop + WINDOW_ORDER.size() * BURN_ROW + 4;
        }
    }

    private record TimeAxis(Instant from, Instant to) {
        Duration length() {
            return Duration.between(from, to);
        }

        double x(Instant at) {
            double share = (double) Duration.between(from, at).toMillis() / Math.max(1, length().toMillis());
            return PLOT_LEFT + Math.max(0, Math.min(1, share)) * (PLOT_RIGHT - PLOT_LEFT);
        }
    }

    private record BurnScale(double min, double max) {
        double x(double rate) {
            double clamped = Math.max(min, Math.min(max, rate));
            return PLOT_LEFT + (Math.log10(clamped) - Math.log10(min)) / (Math.log10(max) - Math.log10(min)) * (PLOT_RIGHT - 60 - PLOT_LEFT);
        }
    }

    private static String rate(double rate) {
        return rate >= 10 ? String.format(Locale.ROOT, "%.0f", rate) : String.format(Locale.ROOT, "%.2f", rate);
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static String n(double value) {
        return Svg.number(value);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
