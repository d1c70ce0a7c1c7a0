package no.rusvarsel.contracts.detection;

import io.micronaut.serde.annotation.Serdeable;

/** How serious a detection or alert is; ordered, so an alert's severity can only rise. */
@Serdeable
public enum Severity {
    INFO, LOW, MODERATE, HIGH, CRITICAL;

    public Severity max(Severity other) {
        return other != null && other.compareTo(this) > 0 ? other : this;
    }
}
