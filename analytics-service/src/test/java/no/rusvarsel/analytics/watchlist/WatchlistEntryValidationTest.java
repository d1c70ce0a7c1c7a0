package no.rusvarsel.analytics.watchlist;

import no.rusvarsel.contracts.catalogue.Hazard;
import no.rusvarsel.contracts.catalogue.Substance;
import no.rusvarsel.contracts.catalogue.SubstanceCatalogue;
import no.rusvarsel.contracts.catalogue.SubstanceClass;
import no.rusvarsel.support.problem.FieldError;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Found by the hostile-input corpus (issue 9): a threshold of 1e999999 was published to the watchlist as Infinity. */
class WatchlistEntryValidationTest {

    private static Substance entry(String name, List<String> synonyms, Substance.Thresholds thresholds) {
        return new Substance("hostile", name, SubstanceClass.NITAZENE_OPIOID, Hazard.CRITICAL, synonyms, List.of(), thresholds);
    }

    @Test
    void shouldRefuseThresholdsThatAreNotFiniteNonNegativeNumbers() {
        assertThat(WatchlistController.errors(entry("X", List.of(), new Substance.Thresholds(Double.POSITIVE_INFINITY, -1.0))))
                .extracting(FieldError::field).containsExactly("thresholds.amountMgPerUnit", "thresholds.purityPercent");
        assertThat(WatchlistController.errors(entry("X", List.of(), new Substance.Thresholds(Double.NaN, null))))
                .extracting(FieldError::field).containsExactly("thresholds.amountMgPerUnit");
    }

    @Test
    void shouldRefuseBlankOrControlCharacterNames() {
        assertThat(WatchlistController.errors(entry(" ", List.of("ok", "a\u0000b", ""), null)))
                .extracting(FieldError::field).containsExactly("name", "synonyms[1]", "synonyms[2]");
    }

    @Test
    void shouldAcceptEveryEntryOfTheShippedCatalogue() {
        assertThat(SubstanceCatalogue.defaultCatalogue().all()).allSatisfy(s -> assertThat(WatchlistController.errors(s)).isEmpty());
    }
}
