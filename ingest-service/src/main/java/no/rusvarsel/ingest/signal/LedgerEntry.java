package no.rusvarsel.ingest.signal;

import java.time.Instant;
import java.util.UUID;

/** The latest accepted version of one provider record (provider, sourceType, externalId). */
public record LedgerEntry(UUID signalId, String providerId, String sourceType, String externalId, int version,
                         String contentHash, Instant observedAt, Instant receivedAt, String payload) {
}
