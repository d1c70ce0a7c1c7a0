package no.rusvarsel.alerts.delivery.message;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** The body of a test message a subscriber asked for, to check that its receiver works. */
@Serdeable
public record TestEnvelope(String type, Instant timestamp, Data data) {

    public static final String TYPE = "test";

    /** Which subscription asked, and a line for a person. */
    @Serdeable
    public record Data(String subscriptionId, String subscriptionName, String message) {
    }
}
