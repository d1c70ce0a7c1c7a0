package no.rusvarsel.alerts.subscription;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import no.rusvarsel.alerts.delivery.Delivery;
import no.rusvarsel.alerts.delivery.DeliveryAttempt;
import no.rusvarsel.alerts.delivery.DeliveryStatus;
import no.rusvarsel.alerts.delivery.Outcome;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A delivery in a subscription's delivery log: its state, next retry and every attempt made. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DeliveryView(UUID id, String messageId, String eventId, String type, @Nullable String alertId,
                           DeliveryStatus status, int attempts, @Nullable Instant nextAttemptAt,
                           @Nullable Integer lastStatusCode, @Nullable String lastError, Instant createdAt,
                           @Nullable Instant completedAt, List<Attempt> log) {

    /** One attempt: when, how long, what the receiver answered. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Attempt(int attempt, Instant attemptedAt, long durationMs, Outcome outcome, @Nullable Integer statusCode,
                          @Nullable String error, @Nullable String response, @Nullable Instant nextAttemptAt) {

        static Attempt of(DeliveryAttempt a) {
            return new Attempt(a.attempt(), a.attemptedAt(), a.durationMs(), a.outcome(), a.statusCode(), a.error(),
                    a.responseExcerpt(), a.nextAttemptAt());
        }
    }

    public static DeliveryView of(Delivery d, List<DeliveryAttempt> attempts) {
        return new DeliveryView(d.deliveryId(), d.messageId(), d.eventId(), d.type(), d.alertId(), d.status(),
                d.attempts(), d.status() == DeliveryStatus.PENDING ? d.nextAttemptAt() : null, d.lastStatusCode(),
                d.lastError(), d.createdAt(), d.completedAt(), attempts.stream().map(Attempt::of).toList());
    }

    /** One page of a delivery log, newest first. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Page(List<DeliveryView> items, int page, int size, long total) {
    }
}
