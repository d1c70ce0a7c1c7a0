package no.rusvarsel.contracts.catalogue;

import io.micronaut.serde.annotation.Serdeable;

/** How dangerous a substance is; HIGH and CRITICAL are watched: any observation is an alert. */
@Serdeable
public enum Hazard {
    LOW, MODERATE, HIGH, CRITICAL;

    public boolean watched() {
        return this == HIGH || this == CRITICAL;
    }
}
