package no.rusvarsel.analytics.watchlist;

import no.rusvarsel.contracts.catalogue.Substance;
import no.rusvarsel.contracts.catalogue.SubstanceCatalogue;

import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The current watchlist as a matcher, shared by the rules: replaced whole whenever the watchlist
 * topic changes, so a change applies to the next signal without a restart. Each catalogue remembers what reported
 * names matched, so a watchlist change starts afresh.
 */
public final class Watchlist {

    private final AtomicReference<SubstanceCatalogue> current;

    public Watchlist(SubstanceCatalogue initial) {
        this.current = new AtomicReference<>(initial);
    }

    public SubstanceCatalogue catalogue() {
        return current.get();
    }

    /** The entry of the current catalogue a reported name matches, as {@code catalogue().match(name).substance()}. */
    public Optional<Substance> match(String reportedName) {
        return current.get().match(reportedName).substance();
    }

    void replace(Collection<Substance> entries, String version) {
        current.set(SubstanceCatalogue.of(version, entries));
    }
}
