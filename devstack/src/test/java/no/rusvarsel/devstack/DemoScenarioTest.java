package no.rusvarsel.devstack;

import no.rusvarsel.bench.loadgen.GeneratedSignal;
import no.rusvarsel.bench.loadgen.GroundTruth;
import no.rusvarsel.bench.loadgen.LoadGenerator;
import no.rusvarsel.contracts.catalogue.RegionCatalogue;
import no.rusvarsel.contracts.detection.Rule;
import no.rusvarsel.contracts.detection.Severity;
import no.rusvarsel.contracts.signal.ObservedAt;
import no.rusvarsel.contracts.signal.SourceType;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class DemoScenarioTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 11);

    private final LoadGenerator demo = new LoadGenerator(DemoScenario.build(TODAY));
    private final List<GeneratedSignal> signals = demo.all();

    @Test
    void shouldBeTheSameRecordsWhenRunAgainOnTheSameDay() {
        var again = new LoadGenerator(DemoScenario.build(TODAY)).all();

        assertThat(again.stream().map(GeneratedSignal::json).toList()).isEqualTo(signals.stream().map(GeneratedSignal::json).toList());
    }

    @Test
    void shouldRepeatTheSharedDaysUnchangedWhenRunOnTheNextDay() {
        var tomorrow = new LoadGenerator(DemoScenario.build(TODAY.plusDays(1)));
        var today = signals.stream().filter(s -> !s.externalId().contains("-INJ")).map(GeneratedSignal::json).collect(Collectors.toSet());
        // the wastewater rise is a background sample with a raised load: tomorrow it is another day's sample, and
        // today's raised one comes again as it would have been (a correction of that one sample)
        var raised = demo.groundTruth().events().stream().filter(e -> e.kind().equals("WASTEWATER_RISE"))
                .flatMap(e -> e.signals().stream()).map(GroundTruth.SignalRef::externalId).collect(Collectors.toSet());

        // the days both runs cover are byte for byte the same records (duplicates for ingest), not corrections
        var shared = tomorrow.all().stream().filter(s -> !s.externalId().contains("-INJ") && !s.arrivalDay().isAfter(TODAY)
                && !raised.contains(s.externalId())).toList();
        assertThat(shared).hasSizeGreaterThan(signals.size() / 2).allSatisfy(s -> assertThat(today).contains(s.json()));
    }

    @Test
    void shouldCoverTwoWeeksUpToTodayFromEverySourceTypeAndCounty() {
        assertThat(signals).extracting(GeneratedSignal::sourceType).containsAll(Set.of(SourceType.values()));
        var regions = RegionCatalogue.defaultCatalogue();
        assertThat(signals.stream().map(s -> regions.countyOf(s.payload().region()).orElseThrow()).collect(Collectors.toSet()))
                .hasSize(regions.counties().size());
        assertThat(signals).allSatisfy(s -> {
            assertThat(ObservedAt.parse(s.payload().observedAt())).isBefore(ObservedAt.parse(TODAY.plusDays(1).toString()));
            assertThat(ObservedAt.parse(s.payload().observedAt())).isAfterOrEqualTo(ObservedAt.parse(TODAY.minusDays(13).toString()));
        });
        assertThat(signals.size()).as("a small demo").isBetween(500, 3000);
    }

    @Test
    void shouldInjectTheFiveDemoEventsWithTheirGroundTruth() {
        var events = demo.groundTruth().events();

        assertThat(events).extracting(GroundTruth.Event::kind, GroundTruth.Event::region, GroundTruth.Event::substance).containsExactly(
                org.assertj.core.groups.Tuple.tuple("NITAZENE_APPEARING", "0301", "isotonitazene"),
                org.assertj.core.groups.Tuple.tuple("POTENT_OPIOID_SEIZURE", "3209", "carfentanil"),
                org.assertj.core.groups.Tuple.tuple("OVERDOSE_CLUSTER", "4601", "metonitazene"),
                org.assertj.core.groups.Tuple.tuple("HIGH_POTENCY_TABLET", "5001", "mdma"),
                org.assertj.core.groups.Tuple.tuple("WASTEWATER_RISE", "5001", "cocaine"));
        assertThat(events.get(0).expected()).contains(new GroundTruth.Expected(Rule.MISSOLD_SAMPLE, Severity.CRITICAL));
        assertThat(events.get(2).expected()).contains(new GroundTruth.Expected(Rule.OVERDOSE_SPIKE, Severity.HIGH));
        assertThat(events.get(3).expected()).containsExactly(new GroundTruth.Expected(Rule.HIGH_POTENCY, Severity.HIGH));
        var ids = signals.stream().map(s -> s.sourceType().path() + "/" + s.externalId()).collect(Collectors.toSet());
        assertThat(events).allSatisfy(e -> assertThat(e.signals()).allSatisfy(ref -> assertThat(ids).contains(ref.sourceType() + "/" + ref.externalId())));
        assertThat(signals).filteredOn(s -> s.externalId().equals(events.get(3).signals().get(0).externalId())).singleElement()
                .satisfies(s -> assertThat(s.json()).contains("\"soldAs\":\"ecstasy\"").contains("{\"substance\":\"MDMA\",\"amountMg\":280.0}"));
        assertThat(demo.groundTruth().quietCounties()).doesNotContain("03", "32", "46", "50").hasSize(11);
    }
}
