package no.rusvarsel.analytics.aberration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import no.rusvarsel.analytics.aberration.EarsC.Method;
import org.junit.jupiter.api.Test;

/**
 * Rule: EarsC behaves as R surveillance::earsC on hand-computed cases, with documented zero-variance semantics.
 */
class EarsCTest {

    /** Any 7 consecutive days of this weekly pattern have mean 4 and sample sd sqrt(8/3). */
    private static final long[] WEEK = {2, 4, 6, 2, 4, 6, 4};
    private static final double WEEK_SD = Math.sqrt(8.0 / 3.0);
    /** R: qnorm(1 - 0.001). */
    private static final double Z_0_001 = 3.0902323061678132;

    private static long[] weeks(int days, long... tail) {
        long[] out = new long[days + tail.length];
        for (int i = 0; i < days; i++) {
            out[i] = WEEK[i % 7];
        }
        System.arraycopy(tail, 0, out, days, tail.length);
        return out;
    }

    @Test
    void shouldAlarmOnC1WhenCountExceedsMeanPlusZTimesSd() {
        // Given a week with mean 4 and sd sqrt(8/3): threshold 4 + 3.0902 * 1.63299 = 9.0463
        long[] counts = weeks(7, 10);

        // When
        List<DailyResult> results = EarsC.evaluate(counts, Method.C1, 0.001, 7);

        // Then
        assertThat(results).hasSize(1);
        DailyResult day = results.get(0);
        assertThat(day.index()).isEqualTo(7);
        assertThat(day.expected()).isEqualTo(4.0);
        assertThat(day.sd()).isCloseTo(WEEK_SD, within(1e-15));
        assertThat(day.upperbound()).isCloseTo(9.0463282245168415, within(1e-12));
        assertThat(day.statistic()).isCloseTo(6 / WEEK_SD, within(1e-12));
        assertThat(day.alarm()).isTrue();
    }

    @Test
    void shouldNotAlarmOnC1WhenCountIsBelowThreshold() {
        // Given the same week followed by 9 (< 9.0463)
        long[] counts = weeks(7, 9);

        // When
        DailyResult day = EarsC.evaluate(counts, Method.C1, 0.001, 7).get(0);

        // Then
        assertThat(day.alarm()).isFalse();
    }

    @Test
    void shouldAlarmOnC2WhenCountExceedsMeanPlusThreeSdIgnoringTheTwoGuardDays() {
        // Given a normal week, two very high guard days (50, 50) and then 10
        long[] counts = weeks(7, 50, 50, 10);

        // When
        DailyResult c2 = EarsC.evaluate(counts, Method.C2, 0.001, 7).get(0);
        List<DailyResult> c1 = EarsC.evaluate(counts, Method.C1, 0.001, 7);

        // Then C2 compares day 9 with days 0..6 only and alarms, C1's baseline contains the 50s and does not
        assertThat(c2.index()).isEqualTo(9);
        assertThat(c2.expected()).isEqualTo(4.0);
        assertThat(c2.upperbound()).isCloseTo(4 + Z_0_001 * WEEK_SD, within(1e-12));
        assertThat(c2.alarm()).isTrue();
        assertThat(c1.get(c1.size() - 1).index()).isEqualTo(9);
        assertThat(c1.get(c1.size() - 1).alarm()).isFalse();
    }

    @Test
    void shouldStartMonitoringOnlyWhenBaselineAndGuardAreAvailable() {
        // Given 12 days
        long[] counts = weeks(12);

        // When / Then first monitored day is baseline (C1), baseline + 2 (C2), baseline + 4 (C3)
        assertThat(EarsC.evaluate(counts, Method.C1).get(0).index()).isEqualTo(7);
        assertThat(EarsC.evaluate(counts, Method.C2).get(0).index()).isEqualTo(9);
        assertThat(EarsC.evaluate(counts, Method.C3).get(0).index()).isEqualTo(11);
        assertThat(EarsC.evaluate(counts, Method.C3)).hasSize(1);
    }

    @Test
    void shouldReturnNoResultsWhenSeriesIsShorterThanBaselinePlusGuard() {
        // Given 9 days (baseline 7 + guard 2)
        long[] counts = weeks(9);

        // When / Then
        assertThat(EarsC.evaluate(counts, Method.C1)).hasSize(2);
        assertThat(EarsC.evaluate(counts, Method.C2)).isEmpty();
        assertThat(EarsC.evaluate(counts, Method.C3)).isEmpty();
        assertThat(EarsC.evaluate(new long[0], Method.C1)).isEmpty();
    }

    @Test
    void shouldAlarmOnC1WhenCountExceedsAZeroVarianceBaseline() {
        // Given seven zeros and then a single case
        long[] counts = {0, 0, 0, 0, 0, 0, 0, 1};

        // When
        DailyResult day = EarsC.evaluate(counts, Method.C1).get(0);

        // Then R's upperbound is the mean (0 + z * 0) and the day alarms; the statistic is +Infinity
        assertThat(day.sd()).isZero();
        assertThat(day.upperbound()).isZero();
        assertThat(day.statistic()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(day.alarm()).isTrue();
    }

    @Test
    void shouldNotAlarmOnC1WhenCountEqualsAZeroVarianceBaseline() {
        // Given eight equal days
        long[] counts = {4, 4, 4, 4, 4, 4, 4, 4};

        // When
        DailyResult day = EarsC.evaluate(counts, Method.C1).get(0);

        // Then the statistic is 0 (not 0/0) and there is no alarm
        assertThat(day.upperbound()).isEqualTo(4.0);
        assertThat(day.statistic()).isZero();
        assertThat(day.alarm()).isFalse();
    }

    @Test
    void shouldUseMinSigmaWhenBaselineSdIsSmaller() {
        // Given seven zeros, then 1, and minSigma 0.5: threshold 0 + 3.0902 * 0.5 = 1.5451
        long[] counts = {0, 0, 0, 0, 0, 0, 0, 1};

        // When
        DailyResult day = EarsC.evaluate(counts, Method.C1, 0.001, 7, 0.5).get(0);

        // Then
        assertThat(day.sd()).isEqualTo(0.5);
        assertThat(day.upperbound()).isCloseTo(Z_0_001 * 0.5, within(1e-15));
        assertThat(day.statistic()).isEqualTo(2.0);
        assertThat(day.alarm()).isFalse();
    }

    @Test
    void shouldRaiseC3AlarmOnTheTwoDaysAfterASpikeLikeTheReferencePackage() {
        // Given 13 days of the weekly pattern, a spike of 30 on day 13, then two normal days (4, 4)
        long[] counts = weeks(13, 30, 4, 4);

        // When
        List<DailyResult> results = EarsC.evaluate(counts, Method.C3, 0.001, 7);

        // Then, as in surveillance::earsC, upperbound = y + sd * (z - lagParts) with
        // lagParts = max(0, C2[t-2] - 1) + max(0, C2[t-1] - 1): the spike day itself does not alarm
        DailyResult spike = results.get(2);
        assertThat(spike.index()).isEqualTo(13);
        double lagOnSpikeDay = 0 + (2 / WEEK_SD - 1); // C2[11] = (4-4)/sd, C2[12] = (6-4)/sd
        assertThat(spike.upperbound()).isCloseTo(30 + WEEK_SD * (Z_0_001 - lagOnSpikeDay), within(1e-12));
        assertThat(spike.statistic()).isCloseTo(26 / WEEK_SD + lagOnSpikeDay, within(1e-12));
        assertThat(spike.alarm()).isFalse();
        // ... while the two following days carry C2[13] - 1 = 26/sd - 1 = 14.92 > z and alarm
        assertThat(results.get(3).index()).isEqualTo(14);
        assertThat(results.get(3).alarm()).isTrue();
        assertThat(results.get(4).index()).isEqualTo(15);
        assertThat(results.get(4).alarm()).isTrue();
    }

    @Test
    void shouldDefineC3AlarmWhereReferenceReturnsNaOnZeroVarianceBaselines() {
        // Given 14 zeros, a 3 on day 14 and zeros afterwards (R: upperbound NaN, alarm NA on days 11..18)
        long[] counts = new long[24];
        counts[14] = 3;
        counts[19] = 1;

        // When
        List<DailyResult> results = EarsC.evaluate(counts, Method.C3, 0.001, 7);

        // Then upperbound stays NaN as in R, and the alarm is defined:
        // 0/0 counts as no deviation (days 11..14, 17: false); a lag day above a zero-variance baseline
        // while today's baseline is also zero-variance alarms (days 15, 16)
        assertThat(results.get(0).index()).isEqualTo(11);
        for (int day = 11; day <= 18; day++) {
            DailyResult r = results.get(day - 11);
            assertThat(r.upperbound()).as("upperbound day %d", day).isNaN();
            assertThat(r.alarm()).as("alarm day %d", day).isEqualTo(day == 15 || day == 16);
        }
        assertThat(results.get(19 - 11).upperbound()).isCloseTo(4.5039940752304197, within(1e-12));
    }

    @Test
    void shouldNeverAlarmOnC3ForAConstantSeries() {
        // Given a constant series (every C2 is 0/0 in R, so R's alarm is NA everywhere)
        long[] counts = {4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4};

        // When
        List<DailyResult> results = EarsC.evaluate(counts, Method.C3);

        // Then
        assertThat(results).hasSize(3).noneMatch(DailyResult::alarm);
        assertThat(results).allMatch(r -> r.statistic() == 0.0);
    }

    @Test
    void shouldUseReferenceDefaultAlphaPerMethod() {
        // Given
        long[] counts = weeks(20, 9, 7, 3);

        // When / Then R's defaults: 0.001 for C1/C2, 0.025 for C3 (when alpha is not in control)
        assertThat(EarsC.evaluate(counts, Method.C1)).isEqualTo(EarsC.evaluate(counts, Method.C1, 0.001, 7));
        assertThat(EarsC.evaluate(counts, Method.C2)).isEqualTo(EarsC.evaluate(counts, Method.C2, 0.001, 7));
        assertThat(EarsC.evaluate(counts, Method.C3)).isEqualTo(EarsC.evaluate(counts, Method.C3, 0.025, 7));
    }

    @Test
    void shouldRejectInvalidParametersLikeTheReference() {
        long[] counts = weeks(14);
        assertThatThrownBy(() -> EarsC.evaluate(counts, Method.C1, 0.001, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("baseline");
        assertThatThrownBy(() -> EarsC.evaluate(counts, Method.C1, 0.001, 7, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minSigma");
        assertThatThrownBy(() -> EarsC.evaluate(counts, Method.C1, 0.0, 7))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alpha");
        assertThatThrownBy(() -> EarsC.evaluate(counts, Method.C1, 1.0, 7))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alpha");
    }

    @Test
    void shouldComputeNormalQuantileBitForBitAsR() {
        // Given / When / Then values printed by R 4.2.2 with sprintf("%.17g", qnorm(p))
        assertThat(NormalQuantile.qnorm(1 - 0.001)).isEqualTo(3.0902323061678132);
        assertThat(NormalQuantile.qnorm(1 - 0.05)).isEqualTo(1.6448536269514715);
        assertThat(NormalQuantile.qnorm(1 - 0.025)).isEqualTo(1.9599639845400536);
        assertThat(NormalQuantile.qnorm(0.3)).isEqualTo(-0.52440051270804067);
        assertThat(NormalQuantile.qnorm(1e-10)).isEqualTo(-6.3613409024040557);
        assertThat(NormalQuantile.qnorm(1 - 1e-12)).isEqualTo(7.0344869100478356);
    }
}
