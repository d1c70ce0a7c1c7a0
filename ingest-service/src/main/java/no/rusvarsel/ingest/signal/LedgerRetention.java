package no.rusvarsel.ingest.signal;

import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Deletes ledger entries (the stored records) last received longer ago than the retention period, in small batches,
 * so that providers' records, patient events among them, are not kept longer than Kafka keeps the signals.
 * A zero retention keeps them.
 */
@Singleton
public class LedgerRetention {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerRetention.class);
    static final int BATCH = 1000;

    private final SignalLedger ledger;
    private final Duration retention;
    private final Clock clock;

    public LedgerRetention(SignalLedger ledger, @Value("${rusvarsel.ingest.ledger-retention:400d}") Duration retention,
                           Clock clock) {
        if (retention.isNegative()) {
            throw new IllegalArgumentException("RUSVARSEL_LEDGER_RETENTION must not be negative, got " + retention);
        }
        this.ledger = ledger;
        this.retention = retention;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "1h", initialDelay = "10m")
    void purge() {
        if (retention.isZero()) {
            return;
        }
        try {
            var before = clock.instant().minus(retention);
            int deleted = purgeReceivedBefore(before);
            if (deleted > 0) {
                LOG.info("deleted {} ledger entries last received before {}", deleted, before);
            }
        } catch (RuntimeException e) {
            LOG.warn("old ledger entries not deleted, will retry: {}", e.toString());
        }
    }

    /** @return how many entries were deleted */
    public int purgeReceivedBefore(Instant before) {
        int total = 0;
        int n;
        do {
            n = ledger.deleteReceivedBefore(before, BATCH);
            total += n;
        } while (n == BATCH);
        return total;
    }
}
