package no.rusvarsel.alerts.delivery;

import io.micronaut.serde.annotation.Serdeable;

import java.util.Locale;

/** What one attempt came to; also the {@code outcome} label of {@code rusvarsel_deliveries_total}. */
@Serdeable
public enum Outcome {
    /** the receiver took it (2xx, or the SMTP server accepted it) */
    DELIVERED,
    /** it failed and will be tried again */
    RETRY,
    /** it failed and the retry schedule is exhausted */
    FAILED,
    /** the receiver answered 410 Gone: the subscription is disabled */
    GONE,
    /** the target is refused by the SSRF guard */
    REFUSED,
    /** not attempted: the subscription was disabled or deleted meanwhile */
    CANCELLED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
