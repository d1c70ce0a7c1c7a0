package no.rusvarsel.alerts.delivery;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;
import no.rusvarsel.alerts.subscription.Channel;

import java.time.Instant;
import java.util.UUID;

/**
 * One message to one subscription, queued in the transaction of the alert change it reports.
 *
 * @param eventId    the alert event it reports ({@code alertId:sequence}), or {@code test:…}; unique per subscription
 * @param messageId  the Standard Webhooks {@code webhook-id}: the same for every retry of this message
 * @param type       {@code alert.opened}, {@code alert.escalated} or {@code test}
 * @param payload    the JSON body, fixed when queued so that every retry sends the same bytes
 * @param attempts   attempts made so far (counted when claimed)
 * @param lockedUntil the lease of the worker delivering it; another worker may claim it only after this
 */
@Serdeable
@MappedEntity("delivery")
public record Delivery(
        @Id UUID deliveryId,
        UUID subscriptionId,
        String eventId,
        String messageId,
        String type,
        @Nullable String alertId,
        Channel channel,
        String payload,
        DeliveryStatus status,
        int attempts,
        @Nullable Instant nextAttemptAt,
        @Nullable Instant lockedUntil,
        @Nullable UUID leaseToken,
        @Nullable Integer lastStatusCode,
        @Nullable String lastError,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant completedAt) {
}
