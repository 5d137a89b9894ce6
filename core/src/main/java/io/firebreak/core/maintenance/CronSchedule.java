package io.firebreak.core.maintenance;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * A five-field cron expression ({@code minute hour day-of-month month day-of-week}) as Alertmanager users and crontab
 * write it: numbers, {@code *}, ranges {@code 1-5}, lists {@code 1,15}, steps {@code *}{@code /15}, names
 * {@code SUN..SAT} and {@code JAN..DEC}, 0 and 7 both Sunday. Day-of-month and day-of-week combine as in Vixie cron:
 * when both are restricted, either may match. Hand-written because no cron library resolves in this build's offline
 * Maven repository (docs/maintenance.md); it only answers "does this local minute start a window" and "which local
 * minutes of this day do", which is all a maintenance window needs.
 */
public final class CronSchedule {

    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");

    private final String text;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean anyDayOfMonth;
    private final boolean anyDayOfWeek;

    private CronSchedule(String text, String[] fields) {
        this.text = text;
        this.minutes = field(fields[0], 0, 59, List.of(), "minute");
        this.hours = field(fields[1], 0, 23, List.of(), "hour");
        this.daysOfMonth = field(fields[2], 1, 31, List.of(), "day of month");
        this.months = field(fields[3], 1, 12, MONTHS, "month");
        BitSet week = field(fields[4], 0, 7, DAYS, "day of week");
        if (week.get(7)) {
            week.set(0);
        }
        this.daysOfWeek = week;
        this.anyDayOfMonth = fields[2].equals("*");
        this.anyDayOfWeek = fields[4].equals("*");
    }

    /** @throws IllegalArgumentException naming the expression and the field that is wrong */
    public static CronSchedule parse(String text) {
        String[] fields = text.trim().split("\\s+");
        if (fields.length != 5) {
            throw new IllegalArgumentException("cron '" + text + "' must have five fields: minute hour day-of-month month day-of-week");
        }
        try {
            return new CronSchedule(text.trim(), fields);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cron '" + text + "': " + e.getMessage(), e);
        }
    }

    /** Whether a window starts at this local minute (seconds ignored). */
    public boolean startsAt(LocalDateTime local) {
        return minutes.get(local.getMinute()) && hours.get(local.getHour()) && runsOn(local.toLocalDate());
    }

    /** The local times of day at which windows start on {@code day}, earliest first; none on a day the cron skips. */
    public List<LocalTime> startsOn(LocalDate day) {
        if (!runsOn(day)) {
            return List.of();
        }
        List<LocalTime> times = new ArrayList<>();
        hours.stream().forEach(hour -> minutes.stream().forEach(minute -> times.add(LocalTime.of(hour, minute))));
        return times;
    }

    private boolean runsOn(LocalDate day) {
        if (!months.get(day.getMonthValue())) {
            return false;
        }
        boolean dayOfMonth = daysOfMonth.get(day.getDayOfMonth());
        boolean dayOfWeek = daysOfWeek.get(day.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : day.getDayOfWeek().getValue());
        if (anyDayOfMonth || anyDayOfWeek) {
            return dayOfMonth && dayOfWeek;
        }
        return dayOfMonth || dayOfWeek;
    }

    @Override
    public String toString() {
        return text;
    }

    private static BitSet field(String spec, int min, int max, List<String> names, String what) {
        BitSet values = new BitSet(max + 1);
        for (String part : spec.split(",")) {
            int step = 1;
            String range = part;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                step = number(part.substring(slash + 1), 1, max, List.of(), what);
                range = part.substring(0, slash);
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                String[] bounds = range.split("-", 2);
                from = number(bounds[0], min, max, names, what);
                to = number(bounds[1], min, max, names, what);
            } else {
                from = number(range, min, max, names, what);
                to = slash >= 0 ? max : from;
            }
            if (from > to) {
                throw new IllegalArgumentException(what + " range '" + range + "' runs backwards");
            }
            for (int value = from; value <= to; value += step) {
                values.set(value);
            }
        }
        return values;
    }

    private static int number(String text, int min, int max, List<String> names, String what) {
        int named = names.indexOf(text.toUpperCase(Locale.ROOT));
        if (named >= 0) {
            return names == MONTHS ? named + 1 : named;
        }
        try {
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                throw new IllegalArgumentException(what + " " + value + " is outside " + min + "-" + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " '" + text + "' is not a number" + (names.isEmpty() ? "" : " or one of " + names));
        }
    }
}
