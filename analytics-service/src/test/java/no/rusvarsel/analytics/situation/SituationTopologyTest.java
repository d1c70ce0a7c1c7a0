package no.rusvarsel.analytics.situation;

import no.rusvarsel.analytics.TopologyFixture;
import no.rusvarsel.contracts.signal.DrugCheckingResult;
import no.rusvarsel.contracts.signal.PatientEvent;
import no.rusvarsel.contracts.signal.SignalEnvelope;
import no.rusvarsel.contracts.signal.SourceType;
import no.rusvarsel.contracts.signal.WastewaterResult;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** The situation counts store through the production topology, with explicit event times. */
class SituationTopologyTest {

    private TopologyFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new TopologyFixture();
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    static SignalEnvelope overdoses(String id, String region, String day, int count, List<String> suspected, int version) {
        return TopologyFixture.envelope("amk", new PatientEvent(id, region, day, null, PatientEvent.EventType.OVERDOSE_NONFATAL,
                PatientEvent.Setting.AMBULANCE, count, null, null, suspected, List.of()), version);
    }

    static SignalEnvelope sample(String id, String region, String day, String... substances) {
        return TopologyFixture.envelope("lab", new DrugCheckingResult(id, region, day, null, DrugCheckingResult.Form.TABLET, null,
                DrugCheckingResult.Method.GC_MS, true,
                List.of(substances).stream().map(s -> new DrugCheckingResult.Component(s, null, null)).toList()), 1);
    }

    private KeyValueStore<String, Long> store() {
        return fixture.driver.getKeyValueStore(SituationProcessor.COUNTS_STORE);
    }

    @Test
    void shouldCountSignalsPerCountyDayRegionSubstanceClassAndSourceType() {
        // Given a tablet with a nitazene and heroin in Oslo, 3 overdoses without a named substance in Oslo, 2 suspected
        // metonitazene overdoses in Bergen, a wastewater sample with everything below LOQ and an unknown substance
        fixture.send(sample("DC-1", "0301", "2025-03-01", "isotonitazene", "heroin"));
        fixture.send(overdoses("PE-1", "0301", "2025-03-01", 3, List.of(), 1));
        fixture.send(overdoses("PE-2", "4601", "2025-03-02", 2, List.of("metonitazene"), 1));
        fixture.send(TopologyFixture.envelope("ww", new WastewaterResult("WW-1", "4601", "2025-03-02", null, "FLESLAND", 100_000L,
                "2025-03-02", "2025-03-03", List.of(new WastewaterResult.Measurement("cocaine", 0.0, null, true))), 1));
        fixture.send(sample("DC-2", "46", "2025-03-02", "bromazolam-x"));

        // Then each signal counts once per class it saw on its Norwegian day: samples as 1, patient events as their count
        assertThat(fixture.situationCounts()).containsExactly(
                entry("03|2025-03-01|0301|NITAZENE_OPIOID|DRUG_CHECKING", 1L),
                entry("03|2025-03-01|0301|OTHER_OPIOID|DRUG_CHECKING", 1L),
                entry("03|2025-03-01|0301|UNSPECIFIED|PATIENT_EVENT", 3L),
                entry("46|2025-03-02|4601|NITAZENE_OPIOID|PATIENT_EVENT", 2L),
                entry("46|2025-03-02|4601|UNSPECIFIED|WASTEWATER", 1L),
                entry("46|2025-03-02|46|UNRECOGNISED|DRUG_CHECKING", 1L));
    }

    @Test
    void shouldReplaceACorrectedSignalsContributionInsteadOfAddingIt() {
        // Given 3 overdoses with no named substance on 1 March, and 2 more from another report
        var first = overdoses("PE-1", "4601", "2025-03-01", 3, List.of(), 1);
        fixture.send(first);
        fixture.send(overdoses("PE-2", "4601", "2025-03-01", 2, List.of(), 1));

        // When PE-1 is corrected (5 overdoses, suspected metonitazene, on 2 March), delivered twice, and then its
        // first version arrives again
        var corrected = overdoses("PE-1", "4601", "2025-03-02", 5, List.of("metonitazene"), 2);
        fixture.send(corrected);
        fixture.send(corrected);
        fixture.send(first);

        // Then only the corrected version counts, once: 1 March keeps PE-2's 2, 2 March has PE-1's 5
        assertThat(fixture.situationCounts()).containsExactly(
                entry("46|2025-03-01|4601|UNSPECIFIED|PATIENT_EVENT", 2L),
                entry("46|2025-03-02|4601|NITAZENE_OPIOID|PATIENT_EVENT", 5L));
    }

    @Test
    void shouldDropACountThatACorrectionTakesBackToZero() {
        fixture.send(sample("DC-1", "0301", "2025-03-01", "isotonitazene"));
        var corrected = TopologyFixture.envelope("lab", new DrugCheckingResult("DC-1", "0301", "2025-03-01", null,
                DrugCheckingResult.Form.TABLET, null, DrugCheckingResult.Method.GC_MS, true,
                List.of(new DrugCheckingResult.Component("oxycodone", null, null))), 2);

        fixture.send(corrected);

        assertThat(fixture.situationCounts()).containsExactly(entry("03|2025-03-01|0301|OTHER_OPIOID|DRUG_CHECKING", 1L));
    }

    @Test
    void shouldAnswerForAWholeCountyOrExactlyForOneOfItsMunicipalities() {
        // Given overdoses in Bergen (4601), Stord (4614) and for Vestland (46) as a whole, and one outside the period
        fixture.send(overdoses("PE-1", "4601", "2025-03-01", 3, List.of(), 1));
        fixture.send(overdoses("PE-2", "4614", "2025-03-01", 4, List.of(), 1));
        fixture.send(overdoses("PE-3", "46", "2025-03-01", 1, List.of(), 1));
        fixture.send(overdoses("PE-4", "4601", "2025-02-20", 9, List.of(), 1));
        var from = LocalDate.parse("2025-02-24");
        var to = LocalDate.parse("2025-03-02");

        // When the county and one municipality are read, Then the county sums all three and Bergen counts only its own
        assertThat(LocalSituation.query(store(), "46", null, from, to)).containsExactly(
                new LocalSituation.Cell(LocalDate.parse("2025-03-01"), "46", "UNSPECIFIED", SourceType.PATIENT_EVENT, 8));
        assertThat(LocalSituation.query(store(), "46", "4601", from, to)).containsExactly(
                new LocalSituation.Cell(LocalDate.parse("2025-03-01"), "4601", "UNSPECIFIED", SourceType.PATIENT_EVENT, 3));
        assertThat(LocalSituation.query(store(), "03", null, from, to)).isEmpty();
    }

    @Test
    void shouldForgetContributionsBeyondCorrectionAndCountsBeyondTheRetention() {
        // Given a sample on 1 January and, 40 days later (beyond the 30-day grace), another in the same county
        fixture.send(sample("DC-1", "5001", "2025-01-01", "cocaine"));
        fixture.send(sample("DC-2", "5001", "2025-02-10", "cocaine"));

        // When the hourly clean-up runs
        fixture.driver.advanceWallClockTime(Duration.ofHours(1));

        // Then the first signal's contribution is forgotten (no correction can reach it) but its count stays
        KeyValueStore<String, SituationSignal> signals = fixture.driver.getKeyValueStore(SituationProcessor.SIGNALS_STORE);
        assertThat(LocalSituation.all(fixture.driver.getKeyValueStore(SituationProcessor.COUNTS_STORE)))
                .containsOnlyKeys("50|2025-01-01|5001|STIMULANT|DRUG_CHECKING", "50|2025-02-10|5001|STIMULANT|DRUG_CHECKING");
        assertThat(signals.get(TopologyFixture.envelope("lab", sample("DC-1", "5001", "2025-01-01", "cocaine").payload(), 1).signalId()))
                .isNull();

        // When the county's event time reaches 130 days past 1 January, Then that day's count goes too
        fixture.send(sample("DC-3", "5001", "2025-05-12", "cocaine"));
        fixture.driver.advanceWallClockTime(Duration.ofHours(1));
        assertThat(fixture.situationCounts()).containsOnlyKeys("50|2025-02-10|5001|STIMULANT|DRUG_CHECKING",
                "50|2025-05-12|5001|STIMULANT|DRUG_CHECKING");
    }

    @Test
    void shouldShowPatientCountsFromOneToFourAsLessThanFiveToAnyoneButOperators() {
        var day = LocalDate.parse("2025-03-01");
        var patients = new LocalSituation.Cell(day, "46", "UNSPECIFIED", SourceType.PATIENT_EVENT, 4);
        var five = new LocalSituation.Cell(day, "46", "UNSPECIFIED", SourceType.PATIENT_EVENT, 5);
        var samples = new LocalSituation.Cell(day, "46", "STIMULANT", SourceType.DRUG_CHECKING, 2);

        assertThat(SituationCount.of(patients, false).count()).isEqualTo("<5");
        assertThat(SituationCount.of(patients, true).count()).isEqualTo(4L);
        assertThat(SituationCount.of(five, false).count()).isEqualTo(5L);
        assertThat(SituationCount.of(samples, false)).isEqualTo(new SituationCount(day, "46", "STIMULANT", "drug-checking", 2L));
        assertThat(SituationCount.of(patients, false)).isEqualTo(new SituationCount(day, "46", "UNSPECIFIED", "patient-event", "<5"));
    }
}
