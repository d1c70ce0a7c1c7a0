package no.rusvarsel.analytics.watchlist;

import no.rusvarsel.contracts.catalogue.Substance;
import no.rusvarsel.contracts.catalogue.SubstanceCatalogue;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The watchlist's matcher remembers what reported names matched, per catalogue: same answers, and a change applies. */
class WatchlistTest {

    private static final SubstanceCatalogue CATALOGUE = SubstanceCatalogue.defaultCatalogue();

    @Test
    void shouldMatchAsTheCatalogueDoesTheFirstTimeAndEveryTimeAfter() {
        var watchlist = new Watchlist(CATALOGUE);
        var names = new ArrayList<>(List.of("Iso-Tonitazène", "isotonitazene", "benzoylecgonine", "norfentanyl", "4-hydroxy-xylazine",
                "MDMA", "ecstasy", "Kokain", "no such substance 123", "", "   "));
        names.add(null);
        for (int round = 0; round < 3; round++) {
            for (var name : names) {
                assertThat(watchlist.match(name)).as("%s, round %d", name, round).isEqualTo(CATALOGUE.match(name).substance());
            }
        }
        assertThat(watchlist.match("benzoylecgonine").map(Substance::id)).contains("cocaine");
        assertThat(watchlist.match("no such substance 123")).isEmpty();
    }

    @Test
    void shouldForgetWhatNamesMatchedWhenTheWatchlistChanges() {
        var watchlist = new Watchlist(CATALOGUE);
        assertThat(watchlist.match("isotonitazene")).isPresent();
        assertThat(watchlist.match("isotonitazene")).isPresent();

        var without = CATALOGUE.all().stream().filter(s -> !s.id().equals("isotonitazene")).toList();
        watchlist.replace(without, "without isotonitazene");

        assertThat(watchlist.match("isotonitazene")).as("entry deleted").isEqualTo(Optional.empty());
        assertThat(watchlist.catalogue().version()).isEqualTo("without isotonitazene");

        watchlist.replace(CATALOGUE.all(), "back");
        assertThat(watchlist.match("isotonitazene").map(Substance::id)).as("entry back").contains("isotonitazene");
    }

    @Test
    void shouldStillAnswerBeyondWhatItRemembers() {
        var watchlist = new Watchlist(CATALOGUE);
        for (int i = 0; i < SubstanceCatalogue.MAX_REMEMBERED + 10; i++) {
            assertThat(watchlist.match("unknown-" + i)).isEmpty();
        }
        assertThat(watchlist.match("fentanyl").map(Substance::id)).contains("fentanyl");
    }
}
