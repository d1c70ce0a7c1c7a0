package no.rusvarsel.ingest.freshness;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.List;

/**
 * What the database knows about a provider's activity: who it is, when it was created and when it last had a
 * signal accepted (null: never).
 *
 * @param expectedIntervalMinutes the provider's own expected interval; null means the configured default
 */
public record ProviderActivity(String providerId, String name, List<String> sourceTypes, List<String> regions,
                               @Nullable Integer expectedIntervalMinutes, Instant createdAt, @Nullable Instant lastSignalAt) {

    public ProviderActivity {
        sourceTypes = List.copyOf(sourceTypes);
        regions = List.copyOf(regions);
    }
}
