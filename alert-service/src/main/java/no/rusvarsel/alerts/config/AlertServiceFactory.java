package no.rusvarsel.alerts.config;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import no.rusvarsel.contracts.catalogue.RegionCatalogue;

import java.time.Clock;

/** The catalogue and clock the alert-service's beans share. */
@Factory
public class AlertServiceFactory {

    @Singleton
    RegionCatalogue regionCatalogue(@Nullable @Value("${rusvarsel.region-catalogue:}") String path) {
        return RegionCatalogue.load(path == null || path.isBlank() ? null : path);
    }

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
