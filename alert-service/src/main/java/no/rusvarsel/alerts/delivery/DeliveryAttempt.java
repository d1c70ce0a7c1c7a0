package no.rusvarsel.alerts.delivery;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.UUID;

/**
 * One attempt in the delivery log.
 *
 * @param statusCode      the HTTP status (webhooks) or SMTP reply code when known
 * @param responseExcerpt the first characters the receiver answered, to help its owner debug
 * @param nextAttemptAt   when it is tried again (outcome RETRY)
 */
@Serdeable
@MappedEntity("delivery_attempt")
public record DeliveryAttempt(
        @Id @GeneratedValue @Nullable Long attemptId,
        UUID deliveryId,
        int attempt,
        Instant attemptedAt,
        long durationMs,
        Outcome outcome,
        @Nullable Integer statusCode,
        @Nullable String error,
        @Nullable String responseExcerpt,
        @Nullable Instant nextAttemptAt) {
}
