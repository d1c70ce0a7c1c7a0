package no.rusvarsel.alerts.delivery.message;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** A webhook body about an alert, in the Standard Webhooks shape: {@code type}, {@code timestamp}, {@code data}. */
@Serdeable
public record AlertEnvelope(String type, Instant timestamp, AlertData data) {
}
