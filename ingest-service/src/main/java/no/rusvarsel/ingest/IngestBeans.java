package no.rusvarsel.ingest;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import no.rusvarsel.contracts.catalogue.RegionCatalogue;
import no.rusvarsel.contracts.catalogue.SubstanceCatalogue;
import no.rusvarsel.ingest.validation.RecordValidator;

import java.time.Clock;
import java.time.Duration;

/** The catalogues, clock and validator of ingest-service, from configuration. */
@Factory
public class IngestBeans {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    RegionCatalogue regions(@Value("${rusvarsel.catalogue.regions:}") String path) {
        return RegionCatalogue.load(path);
    }

    @Singleton
    SubstanceCatalogue substances(@Value("${rusvarsel.catalogue.substances:}") String path) {
        return SubstanceCatalogue.load(path);
    }

    @Singleton
    RecordValidator validator(RegionCatalogue regions, Clock clock,
                              @Value("${rusvarsel.ingest.clock-skew:5m}") Duration clockSkew) {
        return new RecordValidator(regions, clock, clockSkew);
    }
}
