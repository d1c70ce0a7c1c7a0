package no.rusvarsel.contracts.detection;

import io.micronaut.serde.annotation.Serdeable;

/** How sure we are: one unconfirmed source is POSSIBLE, corroboration makes it LIKELY, confirmation OBSERVED. */
@Serdeable
public enum Certainty {
    POSSIBLE, LIKELY, OBSERVED;

    public Certainty max(Certainty other) {
        return other != null && other.compareTo(this) > 0 ? other : this;
    }
}
