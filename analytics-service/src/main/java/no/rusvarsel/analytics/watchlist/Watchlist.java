package no.rusvarsel.analytics.watchlist;

import no.rusvarsel.contracts.catalogue.SubstanceCatalogue;
import no.rusvarsel.contracts.catalogue.Substance;

import java.util.Collection;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The current watchlist as a matcher, shared by the rules: replaced whole whenever the watchlist
 * topic changes, so a change applies to the next signal without a restart.
 */
public final class Watchlist {

    private final AtomicReference<SubstanceCatalogue> current;

    public Watchlist(SubstanceCatalogue initial) {
        this.current = new AtomicReference<>(initial);
    }

    public SubstanceCatalogue catalogue() {
        return current.get();
    }

    void replace(Collection<Substance> entries, String version) {
        current.set(SubstanceCatalogue.of(version, entries));
    }
}
