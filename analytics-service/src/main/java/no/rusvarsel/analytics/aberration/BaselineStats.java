package no.rusvarsel.analytics.aberration;

/**
 * Rule: mean and sample standard deviation (n − 1) of a contiguous window of daily counts, computed exactly in integers.
 */
record BaselineStats(double mean, double sd) {

    /** Statistics of {@code counts[from .. from + length - 1]}; {@code length >= 2}. */
    static BaselineStats of(long[] counts, int from, int length) {
        long sum = 0;
        long sumSq = 0;
        for (int i = from; i < from + length; i++) {
            sum = Math.addExact(sum, counts[i]);
            sumSq = Math.addExact(sumSq, Math.multiplyExact(counts[i], counts[i]));
        }
        // n * sum(x^2) - (sum x)^2 is an exact non-negative integer, so sd == 0 exactly iff the window is constant.
        long numerator = Math.subtractExact(Math.multiplyExact((long) length, sumSq), Math.multiplyExact(sum, sum));
        double variance = (double) numerator / ((double) length * (length - 1));
        return new BaselineStats((double) sum / length, Math.sqrt(variance));
    }

    /** (observed − mean) / sigma with IEEE semantics: x/0 = ±Infinity, 0/0 = NaN (as R). */
    static double standardize(long observed, double mean, double sigma) {
        return (observed - mean) / sigma;
    }

    /** Like {@link #standardize} but a count equal to a zero-variance mean gives 0 instead of NaN. */
    static double standardizeDefined(long observed, double mean, double sigma) {
        double z = standardize(observed, mean, sigma);
        return Double.isNaN(z) ? 0.0 : z;
    }
}
