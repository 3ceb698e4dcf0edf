package io.meltanodata.projects.meltano;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IntervalTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "@hourly|0 * * * *", "@daily|0 0 * * *", "@midnight|0 0 * * *", "@weekly|0 0 * * 0",
            "@monthly|0 0 1 * *", "@yearly|0 0 1 1 *", "@annually|0 0 1 1 *",
            "30 6 * * 1-5|30 6 * * 1-5", "5 * */2 * 5,6,0|5 * */2 * 5,6,0", "*/15 * * * *|*/15 * * * *"})
    void presetsAndCronsNormaliseToFiveFields(String spelling, String cron) {
        assertEquals(Optional.of(cron), Interval.parse(spelling).orElseThrow().cron());
    }

    @ParameterizedTest
    @ValueSource(strings = {"@once", "@manual", "@none"})
    void manualIntervalsAreNeverScheduled(String spelling) {
        Interval interval = Interval.parse(spelling).orElseThrow();
        assertTrue(interval.isManual());
        assertEquals(0, interval.runsPerMonth());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "@often", "hourly", "0 0 6 * * *", "* * * *", "61 * * * *", "0 25 * * *", "0 0 32 * *",
            "0 0 * 13 *", "0 0 * * 8", "every day"})
    void anythingElseIsRefused(String spelling) {
        assertEquals(Optional.empty(), Interval.parse(spelling));
    }

    @ParameterizedTest
    @CsvSource({"@hourly, 730.0", "@daily, 30.42", "@weekly, 4.33", "@monthly, 1.0", "@yearly, 0.083",
            "30 6 * * 1-5, 21.75", "*/15 * * * *, 2922.0", "* * * * *, 43830.0", "0 0 29 2 *, 0.0"})
    void runsPerAverageMonth(String spelling, double expected) {
        assertEquals(expected, Interval.parse(spelling).orElseThrow().runsPerMonth(), expected * 0.01 + 0.01);
    }
}
