package io.meltanodata.projects.meltano;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A schedule's interval as Meltano reads it: a preset ({@code @daily}), a manual interval
 * ({@code @once}, {@code @manual}, {@code @none}: never run by the scheduler), or a 5-field cron
 * expression validated by cron-utils' UNIX definition (6-field crons are refused, as Meltano does).
 *
 * @param spelling the interval as written in meltano.yml
 * @param cron     the 5-field cron it runs on; empty for manual intervals
 */
public record Interval(String spelling, Optional<String> cron) {
    public static final Map<String, String> PRESETS = Map.of(
            "@hourly", "0 * * * *",
            "@daily", "0 0 * * *",
            "@midnight", "0 0 * * *",
            "@weekly", "0 0 * * 0",
            "@monthly", "0 0 1 * *",
            "@yearly", "0 0 1 1 *",
            "@annually", "0 0 1 1 *");
    public static final Set<String> MANUAL = Set.of("@once", "@manual", "@none");
    /** The average month, in days, that run counts are given for. */
    public static final double DAYS_PER_MONTH = 365.25 / 12;
    public static final String ALLOWED = "@hourly, @daily, @weekly, @monthly, @yearly, @annually, @midnight, "
            + "@once, @manual, @none, or a 5-field cron expression such as '0 6 * * 1-5'";

    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final ZonedDateTime WINDOW_START = ZonedDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    private static final int MAX_COUNTED = 10_000;

    /** Parses an interval; empty when Meltano would refuse it. */
    public static Optional<Interval> parse(String spelling) {
        String text = spelling.trim();
        if (MANUAL.contains(text)) {
            return Optional.of(new Interval(text, Optional.empty()));
        }
        if (PRESETS.containsKey(text)) {
            return Optional.of(new Interval(text, Optional.of(PRESETS.get(text))));
        }
        if (text.split("\\s+").length != 5) {
            return Optional.empty();
        }
        try {
            Cron cron = UNIX.parse(text).validate();
            return Optional.of(new Interval(text, Optional.of(cron.asString())));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public boolean isManual() {
        return cron.isEmpty();
    }

    /**
     * How often the scheduler runs it in an average month (30.44 days): executions over one
     * calendar year divided by 12, which is exact for monthly, weekly and weekday patterns. A
     * frequent cron stops counting after {@value #MAX_COUNTED} runs and extrapolates from the time
     * they took. 0 for manual intervals.
     */
    public double runsPerMonth() {
        if (cron.isEmpty()) {
            return 0;
        }
        ExecutionTime times = ExecutionTime.forCron(UNIX.parse(cron.get()));
        ZonedDateTime end = WINDOW_START.plusYears(1);
        ZonedDateTime at = WINDOW_START.minusSeconds(1);
        long count = 0;
        Optional<ZonedDateTime> next;
        while ((next = times.nextExecution(at)).isPresent() && next.get().isBefore(end)) {
            count++;
            at = next.get();
            if (count == MAX_COUNTED) {
                double days = java.time.Duration.between(WINDOW_START, at).toSeconds() / 86400.0;
                return count / days * DAYS_PER_MONTH;
            }
        }
        return count / 12.0;
    }
}
