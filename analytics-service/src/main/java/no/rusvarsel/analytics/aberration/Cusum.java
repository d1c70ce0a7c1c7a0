package no.rusvarsel.analytics.aberration;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Rule: one-sided standardized CUSUM on daily counts, {@code S_t = max(0, S_{t−1} + (y_t − m_t)/s_t − k)}, alarm when {@code S_t > h}.
 *
 * <p>{@code m_t}, {@code s_t}: mean and sample sd (n − 1) of the previous {@code baseline} days
 * {@code y[t−baseline] .. y[t−1]} (rolling, no guard band). {@code S} starts at 0 before the first monitored day
 * (index {@code baseline}) and is reset to 0 after every alarm. Zero variance: the standardized value is
 * {@code +Infinity} when the count exceeds the constant baseline (so the day alarms), {@code 0} when it equals it and
 * {@code −Infinity} (so {@code S_t = 0}) when below. {@link DailyResult#upperbound()} is the count that would
 * have to be exceeded to alarm, {@code m_t + s_t·(h + k − S_{t−1})} ({@code m_t} when {@code s_t = 0}),
 * and {@link DailyResult#statistic()} is {@code S_t} before any reset. Defaults: baseline 7, k 0.5, h 4.
 * Unlike {@link EarsC} this is not tied to a reference implementation.
 */
public final class Cusum {

    public static final int DEFAULT_BASELINE = 7;
    public static final double DEFAULT_K = 0.5;
    public static final double DEFAULT_H = 4.0;

    private Cusum() {
    }

    /** Evaluates with baseline 7, k 0.5, h 4. */
    public static List<DailyResult> evaluate(long[] counts) {
        return evaluate(counts, DEFAULT_BASELINE, DEFAULT_K, DEFAULT_H);
    }

    /**
     * @param counts   daily counts, oldest first
     * @param baseline number of previous days forming the rolling baseline, at least 2
     * @param k        reference value (allowance) in sd units, {@code >= 0}
     * @param h        decision interval in sd units, {@code > 0}
     * @return one result per day from index {@code baseline} on; empty if the series is too short
     */
    public static List<DailyResult> evaluate(long[] counts, int baseline, double k, double h) {
        Objects.requireNonNull(counts, "counts");
        if (baseline < 2) {
            throw new IllegalArgumentException("baseline must be at least 2, got " + baseline);
        }
        if (!(k >= 0.0) || Double.isInfinite(k)) {
            throw new IllegalArgumentException("k must be a finite number >= 0, got " + k);
        }
        if (!(h > 0.0) || Double.isInfinite(h)) {
            throw new IllegalArgumentException("h must be a finite number > 0, got " + h);
        }
        List<DailyResult> results = new ArrayList<>();
        double previous = 0.0;
        for (int t = baseline; t < counts.length; t++) {
            BaselineStats stats = BaselineStats.of(counts, t - baseline, baseline);
            double z = BaselineStats.standardizeDefined(counts[t], stats.mean(), stats.sd());
            double s = Math.max(0.0, previous + z - k);
            boolean alarm = s > h;
            double upperbound = stats.sd() == 0.0 ? stats.mean() : stats.mean() + stats.sd() * (h + k - previous);
            results.add(new DailyResult(t, counts[t], stats.mean(), stats.sd(), s, upperbound, alarm));
            previous = alarm ? 0.0 : s;
        }
        return results;
    }
}
