package no.rusvarsel.ingest.provider;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** A provider's API key, kept only as its SHA-256 hash. */
@MappedEntity("api_key")
public record ApiKey(
        @Id UUID id,
        String providerId,
        String keyHash,
        String keyPrefix,
        Instant createdAt,
        @Nullable Instant revokedAt) {
}
