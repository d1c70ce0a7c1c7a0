package no.rusvarsel.contracts.deadletter;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * A record a service could not process, with where it came from and why; written to a
 * dead-letter topic so that nothing is silently dropped and the service keeps running.
 *
 * @param key   the original key as text (UTF-8, or base64 when not valid UTF-8)
 * @param value the original value, base64-encoded (kept inside Kafka, never logged)
 */
@Serdeable
public record DeadLetter(
        String service,
        String sourceTopic,
        int partition,
        long offset,
        @Nullable String key,
        @Nullable String value,
        String reason,
        @Nullable String exception,
        Instant failedAt) {
}
