package no.rusvarsel.contracts.detection;

import io.micronaut.serde.annotation.Serdeable;

/** The detection rules of DESIGN §5, plus the operational rule for silent providers. */
@Serdeable
public enum Rule {
    WATCHLIST_SUBSTANCE(Family.SUBSTANCE),
    MISSOLD_SAMPLE(Family.SUBSTANCE),
    HIGH_POTENCY(Family.POTENCY),
    CROSS_SOURCE_CLUSTER(Family.SUBSTANCE),
    OVERDOSE_SPIKE(Family.TREND),
    WASTEWATER_RISE(Family.TREND),
    UNRECOGNISED_SUBSTANCE(Family.NEW_SUBSTANCE),
    PROVIDER_SILENT(Family.OPERATIONAL);

    /** Rules of one family about the same county and substance belong to the same alert episode. */
    @Serdeable
    public enum Family { SUBSTANCE, POTENCY, TREND, NEW_SUBSTANCE, OPERATIONAL }

    private final Family family;

    Rule(Family family) {
        this.family = family;
    }

    public Family family() {
        return family;
    }
}
