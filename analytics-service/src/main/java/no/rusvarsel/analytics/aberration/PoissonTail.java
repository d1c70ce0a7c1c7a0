package no.rusvarsel.analytics.aberration;

/** Rule: the upper tail {@code P(Y ≥ y)} of a Poisson count with mean {@code lambda}, accurate for small probabilities. */
public final class PoissonTail {

    private PoissonTail() {
    }

    public static double atLeast(long y, double lambda) {
        if (y <= 0) {
            return 1.0;
        }
        if (!(lambda > 0)) {
            return 0.0;
        }
        if (y > lambda) {
            // sum the tail itself: its terms fall from the first, and no cancellation hides a small probability
            double term = Math.exp(-lambda + y * Math.log(lambda) - logFactorial(y));
            double sum = 0;
            for (long k = y; term > 0 && term > sum * 1e-17; k++) {
                sum += term;
                term *= lambda / (k + 1);
            }
            return Math.min(1.0, sum);
        }
        double below = 0;
        double logFactorial = 0;
        for (long k = 0; k < y; k++) {
            if (k > 0) {
                logFactorial += Math.log(k);
            }
            below += Math.exp(-lambda + k * Math.log(lambda) - logFactorial);
        }
        return Math.max(0.0, 1.0 - below);
    }

    private static double logFactorial(long n) {
        double sum = 0;
        for (long i = 2; i <= n; i++) {
            sum += Math.log(i);
        }
        return sum;
    }
}
