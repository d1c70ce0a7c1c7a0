package no.rusvarsel.alerts.delivery;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * How the delivery workers run (env RUSVARSEL_DELIVERY_*): parallel sends per instance, the lease a claimed message
 * is held by (longer than the slowest attempt can take), the retry schedule, and how long finished deliveries are kept.
 */
@Singleton
public class DeliverySettings {

    private final int concurrency;
    private final Duration lease;
    private final RetrySchedule schedule;
    private final Duration retention;

    public DeliverySettings(@Value("${rusvarsel.delivery.concurrency:8}") int concurrency,
                            @Value("${rusvarsel.delivery.lease:2m}") Duration lease,
                            @Value("${rusvarsel.delivery.retry-schedule:" + RetrySchedule.DEFAULT + "}") String schedule,
                            @Value("${rusvarsel.delivery.retry-jitter:0.2}") double jitter,
                            @Value("${rusvarsel.delivery.max-retry-after:24h}") Duration maxRetryAfter,
                            @Value("${rusvarsel.delivery.retention:30d}") Duration retention) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("rusvarsel.delivery.concurrency must be at least 1");
        }
        this.concurrency = concurrency;
        this.lease = lease;
        this.schedule = RetrySchedule.parse(schedule, jitter, maxRetryAfter);
        this.retention = retention;
    }

    public int concurrency() {
        return concurrency;
    }

    public Duration lease() {
        return lease;
    }

    public RetrySchedule schedule() {
        return schedule;
    }

    public Duration retention() {
        return retention;
    }
}
