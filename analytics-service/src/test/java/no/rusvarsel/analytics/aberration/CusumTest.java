package no.rusvarsel.analytics.aberration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Rule: Cusum accumulates standardized excesses over a rolling baseline and alarms when the sum exceeds h.
 */
class CusumTest {

    /** Any 3 consecutive days of 2,4,6,2,4,6,... have mean 4 and sample sd 2. */
    private static final long[] PATTERN = {2, 4, 6, 2, 4, 6, 2, 4, 6};

    private static long[] pattern(long... tail) {
        long[] out = new long[PATTERN.length + tail.length];
        System.arraycopy(PATTERN, 0, out, 0, PATTERN.length);
        System.arraycopy(tail, 0, out, PATTERN.length, tail.length);
        return out;
    }

    @Test
    void shouldAccumulateStandardizedExcessMinusK() {
        // Given baseline 3 (mean 4, sd 2): z = -1, 0, 1, -1, 0, 1 on days 3..8
        long[] counts = pattern();

        // When
        List<DailyResult> results = Cusum.evaluate(counts, 3, 0.5, 4.0);

        // Then S = max(0, S + z - 0.5): 0, 0, 0.5, 0, 0, 0.5
        assertThat(results).extracting(DailyResult::index).containsExactly(3, 4, 5, 6, 7, 8);
        assertThat(results).extracting(DailyResult::statistic).containsExactly(0.0, 0.0, 0.5, 0.0, 0.0, 0.5);
        assertThat(results).extracting(DailyResult::expected).containsOnly(4.0);
        assertThat(results).extracting(DailyResult::sd).containsOnly(2.0);
        assertThat(results).noneMatch(DailyResult::alarm);
    }

    @Test
    void shouldNotAlarmWhenCusumEqualsH() {
        // Given S = 0.5 on day 8 and 12 on day 9: S = 0.5 + (12 - 4)/2 - 0.5 = 4.0 = h
        long[] counts = pattern(12);

        // When
        DailyResult day = Cusum.evaluate(counts, 3, 0.5, 4.0).get(6);

        // Then upperbound = 4 + 2 * (4 + 0.5 - 0.5) = 12, and 12 is not above it
        assertThat(day.index()).isEqualTo(9);
        assertThat(day.statistic()).isEqualTo(4.0);
        assertThat(day.upperbound()).isEqualTo(12.0);
        assertThat(day.alarm()).isFalse();
    }

    @Test
    void shouldAlarmWhenCusumExceedsH() {
        // Given 13 on day 9: S = 0.5 + 4.5 - 0.5 = 4.5 > 4
        long[] counts = pattern(13);

        // When
        DailyResult day = Cusum.evaluate(counts, 3, 0.5, 4.0).get(6);

        // Then
        assertThat(day.statistic()).isEqualTo(4.5);
        assertThat(day.alarm()).isTrue();
    }

    @Test
    void shouldAlarmOnAccumulatedModerateExcessesAndResetAfterAlarm() {
        // Given day 9 = 10 (z = 3, S = 3.0, no alarm) and day 10 = 14 against baseline {4, 6, 10}
        // (mean 20/3, sd sqrt(28/3)): z = (14 - 20/3) / sqrt(28/3) = 2.40, alone below h, S = 4.90 > h;
        // day 11 = 10 against {6, 10, 14} (mean 10, sd 4): z = 0, S restarts from 0 -> 0
        long[] counts = pattern(10, 14, 10);

        // When
        List<DailyResult> results = Cusum.evaluate(counts, 3, 0.5, 4.0);

        // Then
        DailyResult day9 = results.get(6);
        DailyResult day10 = results.get(7);
        DailyResult day11 = results.get(8);
        assertThat(day9.statistic()).isEqualTo(3.0);
        assertThat(day9.alarm()).isFalse();
        double z10 = (14 - 20.0 / 3) / Math.sqrt(28.0 / 3);
        assertThat(day10.expected()).isCloseTo(20.0 / 3, within(1e-12));
        assertThat(day10.sd()).isCloseTo(Math.sqrt(28.0 / 3), within(1e-12));
        assertThat(day10.statistic()).isCloseTo(3.0 + z10 - 0.5, within(1e-12));
        assertThat(day10.upperbound()).isCloseTo(20.0 / 3 + Math.sqrt(28.0 / 3) * (4 + 0.5 - 3.0), within(1e-12));
        assertThat(day10.alarm()).isTrue();
        assertThat(day11.expected()).isEqualTo(10.0);
        assertThat(day11.sd()).isEqualTo(4.0);
        assertThat(day11.statistic()).isZero();
        assertThat(day11.alarm()).isFalse();
    }

    @Test
    void shouldAlarmWhenCountExceedsAZeroVarianceBaseline() {
        // Given three zeros, then 1 (z = +Infinity), then 0 against {0, 0, 1}
        long[] counts = {0, 0, 0, 1, 0};

        // When
        List<DailyResult> results = Cusum.evaluate(counts, 3, 0.5, 4.0);

        // Then
        assertThat(results.get(0).statistic()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(results.get(0).upperbound()).isZero();
        assertThat(results.get(0).alarm()).isTrue();
        assertThat(results.get(1).statistic()).isZero();
        assertThat(results.get(1).alarm()).isFalse();
    }

    @Test
    void shouldNotAlarmOnAConstantSeries() {
        // Given a constant series (0/0 is read as no deviation)
        long[] counts = {5, 5, 5, 5, 5, 5, 5, 5, 5, 5};

        // When
        List<DailyResult> results = Cusum.evaluate(counts);

        // Then defaults baseline 7, k 0.5, h 4
        assertThat(results).extracting(DailyResult::index).containsExactly(7, 8, 9);
        assertThat(results).allMatch(r -> r.statistic() == 0.0 && !r.alarm());
    }

    @Test
    void shouldReturnNoResultsWithoutAFullBaseline() {
        // Given / When / Then
        assertThat(Cusum.evaluate(new long[] {1, 2, 3, 4, 5, 6, 7})).isEmpty();
    }

    @Test
    void shouldRejectInvalidParameters() {
        long[] counts = PATTERN;
        assertThatThrownBy(() -> Cusum.evaluate(counts, 1, 0.5, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cusum.evaluate(counts, 3, -0.1, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cusum.evaluate(counts, 3, 0.5, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
