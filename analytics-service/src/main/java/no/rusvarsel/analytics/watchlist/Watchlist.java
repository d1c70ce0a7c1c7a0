package no.rusvarsel.analytics.watchlist;

import no.rusvarsel.contracts.catalogue.Substance;
import no.rusvarsel.contracts.catalogue.SubstanceCatalogue;

import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The current watchlist as a matcher, shared by the rules: replaced whole whenever the watchlist
 * topic changes, so a change applies to the next signal without a restart.
 * <p>
 * Matching a reported name normalises it ({@code NameKey}: Unicode decomposition and two regular expressions) on every
 * call, and every processor of the topology matches every substance of every signal: a profile of a replayed backlog
 * had a tenth of the stream thread's time there. Reported names repeat (a few hundred distinct ones), so each catalogue
 * keeps what its names matched; the memo belongs to the catalogue, so a watchlist change starts a new one.
 */
public final class Watchlist {

    /** Distinct reported names remembered per catalogue; beyond this, names are matched without being remembered. */
    static final int MAX_REMEMBERED = 10_000;

    private record Current(SubstanceCatalogue catalogue, ConcurrentHashMap<String, Optional<Substance>> matches) {
        Current(SubstanceCatalogue catalogue) {
            this(catalogue, new ConcurrentHashMap<>());
        }
    }

    private final AtomicReference<Current> current;

    public Watchlist(SubstanceCatalogue initial) {
        this.current = new AtomicReference<>(new Current(initial));
    }

    public SubstanceCatalogue catalogue() {
        return current.get().catalogue();
    }

    /** The entry of the current catalogue a reported name matches, as {@code catalogue().match(name).substance()}. */
    public Optional<Substance> match(String reportedName) {
        var now = current.get();
        if (reportedName == null) {
            return now.catalogue().match(null).substance();
        }
        var known = now.matches().get(reportedName);
        if (known != null) {
            return known;
        }
        var matched = now.catalogue().match(reportedName).substance();
        if (now.matches().size() < MAX_REMEMBERED) {
            now.matches().put(reportedName, matched);
        }
        return matched;
    }

    void replace(Collection<Substance> entries, String version) {
        current.set(new Current(SubstanceCatalogue.of(version, entries)));
    }
}
