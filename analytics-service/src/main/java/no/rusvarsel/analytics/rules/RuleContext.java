package no.rusvarsel.analytics.rules;

import no.rusvarsel.analytics.watchlist.Watchlist;
import no.rusvarsel.contracts.catalogue.RegionCatalogue;
import no.rusvarsel.contracts.catalogue.Substance;
import no.rusvarsel.contracts.catalogue.SubstanceCatalogue;
import no.rusvarsel.contracts.signal.ObservedSubstance;

import java.time.Clock;
import java.util.Optional;

/** What rules consult: the current watchlist, the region catalogue and the clock for {@code detectedAt}. */
public record RuleContext(Watchlist watchlist, RegionCatalogue regions, Clock clock) {

    public SubstanceCatalogue catalogue() {
        return watchlist.catalogue();
    }

    /** The watchlist entry a reported name matches now (the watchlist may have changed since ingest). */
    public Optional<Substance> match(String reportedName) {
        return watchlist.match(reportedName);
    }

    public Optional<Substance> match(ObservedSubstance observed) {
        return match(observed.reportedName());
    }

    /** "Oslo (0301)", or the bare code for a region the catalogue does not know. */
    public String regionName(String code) {
        return regions.find(code).map(r -> r.name() + " (" + code + ")").orElse(code);
    }

    public String countyOf(String code) {
        return regions.countyOf(code).orElse(code);
    }
}
