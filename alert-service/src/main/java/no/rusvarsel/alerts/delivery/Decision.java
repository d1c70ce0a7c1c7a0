package no.rusvarsel.alerts.delivery;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.function.DoubleSupplier;

/** What becomes of a delivery after an attempt: its new status, the attempt's outcome, and when it is tried next. */
public record Decision(DeliveryStatus status, Outcome outcome, @Nullable Instant nextAttemptAt) {

    /**
     * @param attemptsMade attempts including this one
     * @param random       uniform in [0, 1), for the jitter
     */
    public static Decision after(AttemptResult result, int attemptsMade, RetrySchedule schedule, Instant now,
                                 DoubleSupplier random) {
        return switch (result.kind()) {
            case DELIVERED -> new Decision(DeliveryStatus.DELIVERED, Outcome.DELIVERED, null);
            case GONE -> new Decision(DeliveryStatus.FAILED, Outcome.GONE, null);
            case REFUSED -> new Decision(DeliveryStatus.FAILED, Outcome.REFUSED, null);
            case FAILED -> schedule.nextDelay(attemptsMade, result.retryAfter(), random)
                    .map(delay -> new Decision(DeliveryStatus.PENDING, Outcome.RETRY, now.plus(delay)))
                    .orElseGet(() -> new Decision(DeliveryStatus.FAILED, Outcome.FAILED, null));
        };
    }
}
