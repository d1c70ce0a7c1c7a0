package no.rusvarsel.analytics.aberration;

/**
 * Rule: one monitored day of an aberration method — the observed count, the baseline it was judged against and the verdict.
 *
 * @param index      0-based position of the day in the input count series
 * @param observed   the day's count
 * @param expected   baseline mean
 * @param sd         baseline standard deviation actually used, i.e. {@code max(sd, minSigma)} (sample sd, n − 1)
 * @param statistic  the method's test statistic (EARS: standardized C1/C2/C3 value; CUSUM: the cumulative sum S_t);
 *                   a zero sd gives {@code +/-Infinity} when the count differs from the mean and {@code 0} when it equals it
 * @param upperbound count threshold as the method defines it; the day alarms when {@code observed > upperbound}.
 *                   {@code NaN} only where the reference {@code surveillance::earsC} C3 itself yields {@code NaN}
 * @param alarm      whether the day raises an alarm (always well-defined, see {@link EarsC} for the zero-variance rules)
 */
public record DailyResult(int index, long observed, double expected, double sd, double statistic,
                          double upperbound, boolean alarm) {
}
