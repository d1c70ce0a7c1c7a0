package no.rusvarsel.ingest.signal;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.UUID;

/**
 * The latest version of one provider record (provider, sourceType, externalId) received; {@code pending} when Kafka
 * has not yet been confirmed to hold that version.
 */
public record LedgerEntry(UUID signalId, String providerId, String sourceType, String externalId, int version,
                         String contentHash, Instant observedAt, Instant receivedAt, String payload,
                         @Nullable Pending pending) {

    /**
     * A version written before its Kafka transaction, by the producer with {@code transactionalId}, since
     * {@code since}; {@code previous} is the version it replaces (null for a first version).
     */
    public record Pending(String transactionalId, Instant since, @Nullable LedgerEntry previous) {
    }

    public boolean isPending() {
        return pending != null;
    }
}
