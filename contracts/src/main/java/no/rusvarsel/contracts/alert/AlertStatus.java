package no.rusvarsel.contracts.alert;

import io.micronaut.serde.annotation.Serdeable;

/** An alert episode's state: OPEN → ACKNOWLEDGED → RESOLVED, or DISMISSED with a reason. */
@Serdeable
public enum AlertStatus {
    OPEN, ACKNOWLEDGED, RESOLVED, DISMISSED;

    public boolean active() {
        return this == OPEN || this == ACKNOWLEDGED;
    }
}
