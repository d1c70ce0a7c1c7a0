package no.rusvarsel.analytics.aberration;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Rule: EARS C1/C2/C3 on a daily count series, numerically identical to R {@code surveillance::earsC} (package 1.20.3).
 *
 * <p>Notation: {@code y[t]} the count of day {@code t}, {@code b} the baseline length, {@code z = qnorm(1 − alpha)},
 * {@code m[t]}, {@code s[t]} the mean and sample sd (n − 1) of the baseline window,
 * {@code sigma[t] = max(s[t], minSigma)}.
 * <ul>
 *   <li><b>C1</b>: window {@code y[t−b] .. y[t−1]}; {@code upperbound = m + z·sigma}; alarm if {@code y > upperbound}.
 *       First monitored day: index {@code b} (0-based).</li>
 *   <li><b>C2</b>: same with a 2-day guard, window {@code y[t−b−2] .. y[t−3]}. First monitored day: {@code b + 2}.</li>
 *   <li><b>C3</b>: with {@code C2[u] = (y[u] − m[u]) / sigma[u]} (C2 windows) and
 *       {@code lag = max(0, C2[t−2] − 1) + max(0, C2[t−1] − 1)}, the package computes
 *       {@code upperbound = max(0, y[t] + sigma[t]·(z − lag))} and alarms if {@code y[t] > upperbound}.
 *       Note that this is what the reference does: the upperbound is anchored at the observed count, not the mean, so a
 *       C3 alarm fires (for {@code sigma > 0}) exactly when {@code lag > z}, i.e. on the days <em>after</em> a
 *       jump, not on the jump day itself. First monitored day: {@code b + 4}.</li>
 * </ul>
 *
 * <p>Zero variance ({@code sigma = 0}, only possible with {@code minSigma = 0}):
 * <ul>
 *   <li>C1/C2: R returns {@code upperbound = mean}, so the day alarms iff the count exceeds the (constant) baseline.
 *       This is mirrored as is; {@link DailyResult#statistic()} is {@code ±Infinity}, or {@code 0} when equal.</li>
 *   <li>C3: R's C2 values become {@code ±Inf} or {@code NaN} (0/0), so R returns {@code upperbound = NaN} and
 *       {@code alarm = NA} for some days. Here {@code upperbound} is {@code NaN} on exactly those days, and the alarm is
 *       defined by re-evaluating R's rule with {@code 0/0} taken as {@code 0} (a count equal to a constant baseline is
 *       no deviation); if it is still undefined ({@code sigma[t] = 0} while a lag day exceeded its zero-variance
 *       baseline, i.e. {@code 0·(−Inf)}), the day alarms. On every day where R's alarm is TRUE/FALSE the result
 *       equals R's.</li>
 * </ul>
 * Days without enough history produce no result (R would stop with "too short"). Defaults as in R: baseline 7,
 * minSigma 0, alpha 0.001 for C1/C2 and 0.025 for C3 (earsC's default when {@code alpha} is absent from control).
 */
public final class EarsC {

    /** EARS method. */
    public enum Method {
        C1, C2, C3
    }

    public static final int DEFAULT_BASELINE = 7;
    public static final double DEFAULT_ALPHA = 0.001;
    public static final double DEFAULT_ALPHA_C3 = 0.025;
    public static final double DEFAULT_MIN_SIGMA = 0.0;
    /** The guard band (days skipped between baseline window and current day) of C2 and C3. */
    public static final int GUARD_DAYS = 2;

    private EarsC() {
    }

    /** Evaluates with R's defaults (baseline 7, minSigma 0, alpha 0.001 for C1/C2 and 0.025 for C3). */
    public static List<DailyResult> evaluate(long[] counts, Method method) {
        return evaluate(counts, method, defaultAlpha(method), DEFAULT_BASELINE, DEFAULT_MIN_SIGMA);
    }

    /** Evaluates with {@code minSigma = 0}. */
    public static List<DailyResult> evaluate(long[] counts, Method method, double alpha, int baseline) {
        return evaluate(counts, method, alpha, baseline, DEFAULT_MIN_SIGMA);
    }

    /**
     * Evaluates the method on every day that has enough history.
     *
     * @param counts   daily counts, oldest first
     * @param method   C1, C2 or C3
     * @param alpha    significance level, {@code 0 < alpha < 1}; threshold {@code qnorm(1 − alpha)}
     * @param baseline number of baseline days, at least 3 (as R)
     * @param minSigma lower bound for the baseline sd, {@code >= 0}
     * @return one result per monitored day, in day order; empty if the series is too short
     */
    public static List<DailyResult> evaluate(long[] counts, Method method, double alpha, int baseline,
                                             double minSigma) {
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(method, "method");
        if (baseline < 3) {
            throw new IllegalArgumentException("Minimum baseline to use is 3, got " + baseline);
        }
        if (!(minSigma >= 0.0) || Double.isInfinite(minSigma)) {
            throw new IllegalArgumentException("minSigma must be a finite number >= 0, got " + minSigma);
        }
        if (!(alpha > 0.0 && alpha < 1.0)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
        double z = NormalQuantile.qnorm(1 - alpha);
        return switch (method) {
            case C1 -> c1c2(counts, z, baseline, minSigma, 0);
            case C2 -> c1c2(counts, z, baseline, minSigma, GUARD_DAYS);
            case C3 -> c3(counts, z, baseline, minSigma);
        };
    }

    /** R's default alpha for the method. */
    public static double defaultAlpha(Method method) {
        return method == Method.C3 ? DEFAULT_ALPHA_C3 : DEFAULT_ALPHA;
    }

    /** 0-based index of the first day the method can be evaluated on. */
    public static int firstMonitoredIndex(Method method, int baseline) {
        return switch (method) {
            case C1 -> baseline;
            case C2 -> baseline + GUARD_DAYS;
            case C3 -> baseline + GUARD_DAYS + 2;
        };
    }

    private static List<DailyResult> c1c2(long[] counts, double z, int baseline, double minSigma, int guard) {
        List<DailyResult> results = new ArrayList<>();
        for (int t = baseline + guard; t < counts.length; t++) {
            BaselineStats stats = BaselineStats.of(counts, t - guard - baseline, baseline);
            double sigma = Math.max(stats.sd(), minSigma);
            double upperbound = stats.mean() + z * sigma;
            results.add(new DailyResult(t, counts[t], stats.mean(), sigma,
                    BaselineStats.standardizeDefined(counts[t], stats.mean(), sigma),
                    upperbound, counts[t] > upperbound));
        }
        return results;
    }

    private static List<DailyResult> c3(long[] counts, double z, int baseline, double minSigma) {
        List<DailyResult> results = new ArrayList<>();
        int first = firstMonitoredIndex(Method.C3, baseline);
        for (int t = first; t < counts.length; t++) {
            BaselineStats now = BaselineStats.of(counts, t - GUARD_DAYS - baseline, baseline);
            BaselineStats lag1 = BaselineStats.of(counts, t - 1 - GUARD_DAYS - baseline, baseline);
            BaselineStats lag2 = BaselineStats.of(counts, t - 2 - GUARD_DAYS - baseline, baseline);
            double sigma = Math.max(now.sd(), minSigma);
            double sigma1 = Math.max(lag1.sd(), minSigma);
            double sigma2 = Math.max(lag2.sd(), minSigma);

            // R semantics (NaN propagates through pmax / Math.max)
            double c2lag2 = BaselineStats.standardize(counts[t - 2], lag2.mean(), sigma2);
            double c2lag1 = BaselineStats.standardize(counts[t - 1], lag1.mean(), sigma1);
            double lag = Math.max(0.0, c2lag2 - 1) + Math.max(0.0, c2lag1 - 1);
            double upperbound = Math.max(0.0, counts[t] + sigma * (z - lag));

            // Well-defined variant: 0/0 read as 0; equals R's result wherever R's is not NaN.
            double lagDefined = Math.max(0.0, BaselineStats.standardizeDefined(counts[t - 2], lag2.mean(), sigma2) - 1)
                    + Math.max(0.0, BaselineStats.standardizeDefined(counts[t - 1], lag1.mean(), sigma1) - 1);
            double slack = sigma * (z - lagDefined);
            boolean alarm = Double.isNaN(slack) || counts[t] > Math.max(0.0, counts[t] + slack);

            double statistic = BaselineStats.standardizeDefined(counts[t], now.mean(), sigma) + lagDefined;
            results.add(new DailyResult(t, counts[t], now.mean(), sigma, statistic, upperbound, alarm));
        }
        return results;
    }
}
