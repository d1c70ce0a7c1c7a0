package no.rusvarsel.ingest.freshness;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/**
 * One provider's data freshness as operators see it.
 *
 * @param lastSignalAt            when a signal of it was last accepted; null if never
 * @param expectedIntervalMinutes how often it is expected to send
 * @param intervalFromProvider    true if set on the provider, false if the configured default
 * @param silentSince             the moment it became (or will become) silent: last signal (or creation) + interval
 * @param silent                  whether it has been quiet longer than its expected interval
 */
@Serdeable
public record ProviderFreshness(String providerId, String name, List<String> sourceTypes, List<String> regions,
                                @Nullable Instant lastSignalAt, long expectedIntervalMinutes, boolean intervalFromProvider,
                                Instant silentSince, boolean silent) {
}
