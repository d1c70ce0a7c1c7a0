package no.rusvarsel.alerts.subscription;

import no.rusvarsel.contracts.catalogue.RegionCatalogue;
import no.rusvarsel.contracts.catalogue.SubstanceClass;
import no.rusvarsel.contracts.detection.Rule;
import no.rusvarsel.contracts.detection.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FilterMatcherTest {

    private final FilterMatcher matcher = new FilterMatcher(RegionCatalogue.defaultCatalogue());

    private static SubscriptionFilter regions(String... codes) {
        return new SubscriptionFilter(List.of(codes), null, null, null, null);
    }

    @Test
    void shouldMatchEverythingWithAnEmptyFilter() {
        // Given an empty filter
        var filter = SubscriptionFilter.EVERYTHING;

        // Then any substance alert, in any region, of any severity, matches
        assertThat(matcher.matches(filter, TestAlerts.oslo().build())).isTrue();
        assertThat(matcher.matches(filter, TestAlerts.oslo().in("46", "4601").severity(Severity.INFO)
                .about(null, null).rule(Rule.OVERDOSE_SPIKE).build())).isTrue();
    }

    @Test
    void shouldMatchAlertsInTheMunicipalitiesOfASubscribedCounty() {
        // Given a filter on the county Vestland (46)
        var filter = regions("46");

        // Then an alert about Bergen (4601) in Vestland matches, one in Oslo does not
        assertThat(matcher.matches(filter, TestAlerts.oslo().in("46", "4601").build())).isTrue();
        assertThat(matcher.matches(filter, TestAlerts.oslo().in("46", "46").build())).isTrue();
        assertThat(matcher.matches(filter, TestAlerts.oslo().build())).isFalse();
    }

    @Test
    void shouldMatchAMunicipalityByItsOwnAlertsAndItsCountysWholeCountyAlerts() {
        // Given a filter on Bergen (4601)
        var filter = regions("4601");

        // Then alerts naming Bergen, or about all of Vestland, match; one about another Vestland municipality does not
        assertThat(matcher.matches(filter, TestAlerts.oslo().in("46", "4601").build())).isTrue();
        assertThat(matcher.matches(filter, TestAlerts.oslo().in("46", "4602", "4601").build())).isTrue();
        assertThat(matcher.matches(filter, TestAlerts.oslo().in("46", "46").build())).isTrue();
        assertThat(matcher.matches(filter, TestAlerts.oslo().in("46", "4602").build())).isFalse();
        assertThat(matcher.matches(filter, TestAlerts.oslo().build())).isFalse();
    }

    @Test
    void shouldMatchAnyOfSeveralRegions() {
        // Given a filter on Oslo municipality and Rogaland county
        var filter = regions("0301", "11");

        // Then alerts in either match
        assertThat(matcher.matches(filter, TestAlerts.oslo().build())).isTrue();
        assertThat(matcher.matches(filter, TestAlerts.oslo().in("11", "1103").build())).isTrue();
        assertThat(matcher.matches(filter, TestAlerts.oslo().in("46", "4601").build())).isFalse();
    }

    @Test
    void shouldMatchBySubstanceClass() {
        // Given a filter on nitazenes
        var filter = new SubscriptionFilter(null, List.of(SubstanceClass.NITAZENE_OPIOID), null, null, null);

        // Then a nitazene alert matches, a xylazine alert and an alert without a class do not
        assertThat(matcher.matches(filter, TestAlerts.oslo().build())).isTrue();
        assertThat(matcher.matches(filter, TestAlerts.oslo().about("xylazine", SubstanceClass.VETERINARY_SEDATIVE).build())).isFalse();
        assertThat(matcher.matches(filter, TestAlerts.oslo().about(null, null).rule(Rule.OVERDOSE_SPIKE).build())).isFalse();
    }

    @Test
    void shouldMatchBySubstance() {
        // Given a filter on xylazine
        var filter = new SubscriptionFilter(null, null, List.of("xylazine"), null, null);

        // Then only xylazine alerts match
        assertThat(matcher.matches(filter, TestAlerts.oslo().about("xylazine", SubstanceClass.VETERINARY_SEDATIVE).build())).isTrue();
        assertThat(matcher.matches(filter, TestAlerts.oslo().build())).isFalse();
    }

    @Test
    void shouldMatchEitherListedSubstanceOrListedClass() {
        // Given a filter on the class of nitazenes and the substance xylazine
        var filter = new SubscriptionFilter(null, List.of(SubstanceClass.NITAZENE_OPIOID), List.of("xylazine"), null, null);

        // Then both a nitazene and a xylazine alert match, a fentanyl alert does not
        assertThat(matcher.matches(filter, TestAlerts.oslo().build())).isTrue();
        assertThat(matcher.matches(filter, TestAlerts.oslo().about("xylazine", SubstanceClass.VETERINARY_SEDATIVE).build())).isTrue();
        assertThat(matcher.matches(filter, TestAlerts.oslo().about("fentanyl", SubstanceClass.FENTANYL_OPIOID).build())).isFalse();
    }

    @Test
    void shouldMatchAtOrAboveTheMinimumSeverity() {
        // Given a filter from HIGH
        var filter = new SubscriptionFilter(null, null, null, Severity.HIGH, null);

        // Then HIGH and CRITICAL match, MODERATE does not
        assertThat(matcher.matches(filter, TestAlerts.oslo().severity(Severity.HIGH).build())).isTrue();
        assertThat(matcher.matches(filter, TestAlerts.oslo().severity(Severity.CRITICAL).build())).isTrue();
        assertThat(matcher.matches(filter, TestAlerts.oslo().severity(Severity.MODERATE).build())).isFalse();
    }

    @Test
    void shouldMatchByRule() {
        // Given a filter on overdose spikes
        var filter = new SubscriptionFilter(null, null, null, null, List.of(Rule.OVERDOSE_SPIKE));

        // Then an overdose spike matches, a watchlist finding does not
        assertThat(matcher.matches(filter, TestAlerts.oslo().about(null, null).rule(Rule.OVERDOSE_SPIKE).build())).isTrue();
        assertThat(matcher.matches(filter, TestAlerts.oslo().build())).isFalse();
    }

    @Test
    void shouldRequireEveryFacetToMatch() {
        // Given Oslo AND nitazenes AND at least CRITICAL
        var filter = new SubscriptionFilter(List.of("03"), List.of(SubstanceClass.NITAZENE_OPIOID), null, Severity.CRITICAL, null);

        // Then only an alert meeting all three matches
        assertThat(matcher.matches(filter, TestAlerts.oslo().build())).isTrue();
        assertThat(matcher.matches(filter, TestAlerts.oslo().severity(Severity.HIGH).build())).isFalse();
        assertThat(matcher.matches(filter, TestAlerts.oslo().in("11", "1103").build())).isFalse();
        assertThat(matcher.matches(filter, TestAlerts.oslo().about("xylazine", SubstanceClass.VETERINARY_SEDATIVE).build())).isFalse();
    }

    @Test
    void shouldSendSilentProviderAlertsOnlyToFiltersNamingTheRule() {
        // Given an operational alert (a provider fell silent)
        var silent = TestAlerts.oslo().about(null, null).rule(Rule.PROVIDER_SILENT).severity(Severity.MODERATE).build();

        // Then an empty filter and a filter on other rules do not get it; a filter naming PROVIDER_SILENT does
        assertThat(matcher.matches(SubscriptionFilter.EVERYTHING, silent)).isFalse();
        assertThat(matcher.matches(new SubscriptionFilter(null, null, null, null, List.of(Rule.OVERDOSE_SPIKE)), silent)).isFalse();
        assertThat(matcher.matches(new SubscriptionFilter(null, null, null, null, List.of(Rule.PROVIDER_SILENT)), silent)).isTrue();
        assertThat(matcher.matches(new SubscriptionFilter(List.of("11"), null, null, null, List.of(Rule.PROVIDER_SILENT)), silent)).isFalse();
    }

    @Test
    void shouldIgnoreARegionCodeTheCatalogueNoLongerKnows() {
        // Given a filter with a code not in the catalogue and Oslo
        var filter = regions("9999", "03");

        // Then Oslo still matches and nothing else
        assertThat(matcher.matches(filter, TestAlerts.oslo().build())).isTrue();
        assertThat(matcher.matches(regions("9999"), TestAlerts.oslo().build())).isFalse();
    }
}
