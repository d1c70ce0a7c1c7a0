package no.rusvarsel.ingest.freshness;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import no.rusvarsel.contracts.catalogue.RegionCatalogue;
import no.rusvarsel.contracts.detection.Severity;

import java.time.Duration;

/** The freshness policy and silent-provider detection mapping, from configuration ({@code rusvarsel.freshness.*}). */
@Factory
public class FreshnessBeans {

    @Singleton
    FreshnessPolicy policy(@Value("${rusvarsel.freshness.default-expected-interval:24h}") Duration defaultInterval) {
        return new FreshnessPolicy(defaultInterval);
    }

    @Singleton
    SilentProviderDetections silentDetections(RegionCatalogue regions,
                                              @Value("${rusvarsel.freshness.fallback-region:03}") String fallbackRegion,
                                              @Value("${rusvarsel.freshness.severity:MODERATE}") Severity severity) {
        return new SilentProviderDetections(regions, fallbackRegion, severity);
    }
}
