package no.rusvarsel.analytics.spike;

import no.rusvarsel.analytics.aberration.EarsC;

/**
 * How OVERDOSE_SPIKE judges a county's daily count: EARS C1, C2 or C3 (or CUSUM) with alpha and baseline days,
 * and a minimum count below which no spike is raised, so one overdose in a quiet county is not "a spike".
 */
public record SpikeSettings(Method method, double alpha, int baseline, long minimumCount) {

    /** The aberration method. */
    public enum Method { C1, C2, C3, CUSUM }

    public static SpikeSettings defaults() {
        return new SpikeSettings(Method.C2, EarsC.DEFAULT_ALPHA, EarsC.DEFAULT_BASELINE, 3);
    }
}
