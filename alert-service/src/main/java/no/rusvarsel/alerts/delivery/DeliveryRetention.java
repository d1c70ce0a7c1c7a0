package no.rusvarsel.alerts.delivery;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/** Deletes finished deliveries (and their attempt log) older than the retention period, in small batches. */
@Singleton
@Requires(property = "rusvarsel.delivery.enabled", notEquals = "false")
public class DeliveryRetention {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryRetention.class);
    private static final int BATCH = 1000;

    private final DeliveryRepository deliveries;
    private final DeliverySettings settings;
    private final Clock clock;

    public DeliveryRetention(DeliveryRepository deliveries, DeliverySettings settings, Clock clock) {
        this.deliveries = deliveries;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "1h", initialDelay = "5m")
    void purge() {
        try {
            var before = clock.instant().minus(settings.retention());
            int total = 0;
            int n;
            do {
                n = deliveries.deleteCompletedBefore(before, BATCH);
                total += n;
            } while (n == BATCH);
            if (total > 0) {
                LOG.info("deleted {} deliveries finished before {}", total, before);
            }
        } catch (RuntimeException e) {
            LOG.warn("old deliveries not deleted, will retry: {}", e.toString());
        }
    }
}
