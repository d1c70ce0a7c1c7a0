package no.rusvarsel.analytics.spike;

import no.rusvarsel.analytics.aberration.EarsC;

/**
 * How OVERDOSE_SPIKE judges a county's daily count: EARS C1, C2 or C3 (or CUSUM) with alpha and baseline days,
 * a minimum count below which no spike is raised, so one overdose in a quiet county is not "a spike", and
 * {@code poissonAlpha}: the day's count must also be that improbable for a Poisson count at the baseline's mean rate
 * (1 turns this off, leaving plain EARS). EARS's normal threshold on a 7-day sample sd alarms on ordinary Poisson
 * noise in about half of all county-months at a few overdoses a day; the Poisson check keeps real spikes (a count
 * several times the baseline) and drops those.
 */
public record SpikeSettings(Method method, double alpha, int baseline, long minimumCount, double poissonAlpha) {

    /** The aberration method. */
    public enum Method { C1, C2, C3, CUSUM }

    public static SpikeSettings defaults() {
        return new SpikeSettings(Method.C2, EarsC.DEFAULT_ALPHA, EarsC.DEFAULT_BASELINE, 3, EarsC.DEFAULT_ALPHA);
    }

    public SpikeSettings {
        if (!(poissonAlpha > 0 && poissonAlpha <= 1)) {
            throw new IllegalArgumentException("poissonAlpha must be in (0, 1], got " + poissonAlpha);
        }
    }
}
