package no.rusvarsel.analytics.rules;

import no.rusvarsel.analytics.TopologyFixture;
import no.rusvarsel.contracts.catalogue.Hazard;
import no.rusvarsel.contracts.catalogue.Substance;
import no.rusvarsel.contracts.catalogue.SubstanceClass;
import no.rusvarsel.contracts.detection.Certainty;
import no.rusvarsel.contracts.detection.Detection;
import no.rusvarsel.contracts.detection.Rule;
import no.rusvarsel.contracts.detection.Severity;
import no.rusvarsel.contracts.signal.DrugCheckingResult;
import no.rusvarsel.contracts.signal.PatientEvent;
import no.rusvarsel.contracts.signal.SeizureReport;
import no.rusvarsel.contracts.signal.SourceType;
import no.rusvarsel.contracts.signal.WastewaterResult;
import no.rusvarsel.contracts.topic.Topics;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The one-signal rules through the production topology: exact detections per signal, and nothing else. */
class SignalRulesTopologyTest {

    private TopologyFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new TopologyFixture();
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private static DrugCheckingResult tablet(String id, String region, String soldAs, boolean confirmed,
                                             DrugCheckingResult.Component... components) {
        return new DrugCheckingResult(id, region, "2025-03-02", null, DrugCheckingResult.Form.TABLET, soldAs,
                DrugCheckingResult.Method.LC_MS, confirmed, List.of(components));
    }

    private static DrugCheckingResult.Component component(String substance, Double amountMg) {
        return new DrugCheckingResult.Component(substance, amountMg, null);
    }

    @Test
    void shouldRaiseCriticalAlertWhenNitazeneFoundInSampleSoldAsOxycodone() {
        // Given a confirmed lab result: isotonitazene in a tablet sold as oxycodone in Oslo
        var signal = TopologyFixture.envelope("lab", tablet("DC-1", "0301", "oxycodone", true, component("isotonitazen", 0.4)), 1);

        fixture.send(signal);

        // Then a CRITICAL watchlist detection and a CRITICAL mis-sold detection, both for Oslo's isotonitazene episode
        var out = fixture.detected();
        assertThat(out).extracting(kv -> kv.key, kv -> kv.value.rule(), kv -> kv.value.substance(), kv -> kv.value.severity(),
                        kv -> kv.value.certainty())
                .containsExactly(
                        tuple("03|isotonitazene|SUBSTANCE", Rule.WATCHLIST_SUBSTANCE, "isotonitazene", Severity.CRITICAL, Certainty.OBSERVED),
                        tuple("03|isotonitazene|SUBSTANCE", Rule.MISSOLD_SAMPLE, "isotonitazene", Severity.CRITICAL, Certainty.OBSERVED));
        var watch = out.get(0).value;
        assertThat(watch.evidence()).containsExactly(signal.signalId());
        assertThat(watch.sourceTypes()).containsExactly(SourceType.DRUG_CHECKING);
        assertThat(watch.region()).isEqualTo("0301");
        // the sample's day, 2 March, in Norwegian time
        assertThat(watch.windowStart()).isEqualTo(Instant.parse("2025-03-01T23:00:00Z"));
        assertThat(watch.windowEnd()).isEqualTo(Instant.parse("2025-03-02T23:00:00Z"));
        assertThat(watch.detectedAt()).isEqualTo(TopologyFixture.NOW);
        assertThat(watch.summary()).isEqualTo("Isotonitazene (nitazene opioid, hazard CRITICAL) found by drug checking in Oslo (0301).");
        assertThat(out.get(1).value.summary()).isEqualTo("Isotonitazene found in a tablet sold as oxycodone in Oslo (0301).");
    }

    @Test
    void shouldFlagAnMdmaTabletOverTwoHundredMilligramsAndNothingElse() {
        fixture.send(TopologyFixture.envelope("lab", tablet("DC-2", "5001", "MDMA", true, component("MDMA", 280.0)), 1));

        var out = fixture.detected();

        assertThat(out).singleElement().satisfies(kv -> {
            assertThat(kv.key).isEqualTo("50|mdma|POTENCY");
            assertThat(kv.value.rule()).isEqualTo(Rule.HIGH_POTENCY);
            assertThat(kv.value.severity()).isEqualTo(Severity.HIGH);
            assertThat(kv.value.metrics()).containsEntry("observed", 280.0).containsEntry("threshold", 200.0);
            assertThat(kv.value.summary()).contains("280 mg per tablet", "warning above 200", "Trondheim (5001)");
        });
    }

    @Test
    void shouldStayQuietForAnOrdinaryMdmaTablet() {
        fixture.send(TopologyFixture.envelope("lab", tablet("DC-3", "5001", "MDMA", true, component("MDMA", 180.0),
                component("koffein", 20.0)), 1));

        assertThat(fixture.detections.isEmpty()).isTrue();
    }

    @Test
    void shouldCallAMadeUpSubstanceInASeizureUnrecognisedAndNothingElse() {
        var seizure = new SeizureReport("S-1", "4601", "2025-03-01", null, SeizureReport.Agency.POLICE,
                List.of(new SeizureReport.Item("Zorbulonitazene-9", 1.0, SeizureReport.Unit.G, null, null)));

        fixture.send(TopologyFixture.envelope("police", seizure, 1));

        assertThat(fixture.detected()).singleElement().satisfies(kv -> {
            assertThat(kv.value.rule()).isEqualTo(Rule.UNRECOGNISED_SUBSTANCE);
            assertThat(kv.value.substance()).isNull();
            assertThat(kv.value.certainty()).isEqualTo(Certainty.POSSIBLE);
            assertThat(kv.value.summary()).contains("\"Zorbulonitazene-9\"", "Bergen (4601)");
        });
    }

    @Test
    void shouldTreatASuspectedNitazeneAsPossibleAndIgnoreAnUnknownSuspicion() {
        var event = new PatientEvent("PE-1", "4601", "2025-03-03", null, PatientEvent.EventType.OVERDOSE_NONFATAL,
                PatientEvent.Setting.AMBULANCE, 2, null, null, List.of("metonitazene", "blue pills"), List.of());

        fixture.send(TopologyFixture.envelope("amk", event, 1));

        assertThat(fixture.detected()).extracting(kv -> kv.value.rule(), kv -> kv.value.substance(), kv -> kv.value.certainty())
                .containsExactly(tuple(Rule.WATCHLIST_SUBSTANCE, "metonitazene", Certainty.POSSIBLE));
    }

    @Test
    void shouldIgnoreWastewaterBelowTheLimitOfQuantification() {
        var belowLoq = new WastewaterResult("WW-1", "0301", "2025-03-01", null, "VEAS", 650_000L, "2025-03-01", "2025-03-02",
                List.of(new WastewaterResult.Measurement("4-hydroxy-xylazine", 0.0, null, true)));
        var quantified = new WastewaterResult("WW-2", "0301", "2025-03-02", null, "VEAS", 650_000L, "2025-03-02", "2025-03-03",
                List.of(new WastewaterResult.Measurement("4-hydroxy-xylazine", 3.1, 1.2, false)));

        fixture.send(TopologyFixture.envelope("lab", belowLoq, 1));
        fixture.send(TopologyFixture.envelope("lab", quantified, 1));

        assertThat(fixture.detected()).extracting(kv -> kv.value.rule(), kv -> kv.value.substance(), kv -> kv.value.evidence())
                .containsExactly(tuple(Rule.WATCHLIST_SUBSTANCE, "xylazine",
                        List.of(TopologyFixture.envelope("lab", quantified, 1).signalId())));
    }

    @Test
    void shouldGiveTheSameDetectionIdsWhenASignalIsReprocessedOrCorrected() {
        var sample = tablet("DC-9", "0301", "heroin", true, component("heroin", 10.0), component("fentanyl", 0.2));

        fixture.send(TopologyFixture.envelope("lab", sample, 1));
        var first = fixture.detected();
        fixture.send(TopologyFixture.envelope("lab", sample, 1));
        fixture.send(TopologyFixture.envelope("lab", sample, 2));
        var again = fixture.detected();

        assertThat(first).extracting(kv -> kv.value.rule()).containsExactly(Rule.WATCHLIST_SUBSTANCE, Rule.MISSOLD_SAMPLE);
        assertThat(again).extracting(kv -> kv.value.detectionId())
                .containsExactlyElementsOf(List.of(first.get(0).value.detectionId(), first.get(1).value.detectionId(),
                        first.get(0).value.detectionId(), first.get(1).value.detectionId()));
    }

    @Test
    void shouldApplyAWatchlistChangeToTheNextSignalWithoutRestart() {
        var watchlist = fixture.driver.createInputTopic(Topics.WATCHLIST.name(), Topics.WATCHLIST.keySerde().serializer(),
                Topics.WATCHLIST.valueSerde().serializer());
        var ketamine = fixture.context.catalogue().byId("ketamine").orElseThrow();
        var sample = tablet("DC-K1", "1103", "ketamine", true, component("ketamin", null));
        // Given the full watchlist, where ketamine is not watched
        fixture.context.catalogue().all().forEach(s -> watchlist.pipeInput(s.id(), s, Instant.parse("2025-03-01T00:00:00Z")));
        fixture.send(TopologyFixture.envelope("lab", sample, 1));
        assertThat(fixture.detections.isEmpty()).isTrue();

        // When an operator raises ketamine to HIGH
        watchlist.pipeInput("ketamine", new Substance(ketamine.id(), ketamine.name(), SubstanceClass.DISSOCIATIVE, Hazard.HIGH,
                ketamine.synonyms(), ketamine.metabolites(), ketamine.thresholds()), Instant.parse("2025-03-01T00:00:01Z"));
        fixture.send(TopologyFixture.envelope("lab", tablet("DC-K2", "1103", "ketamine", true, component("ketamin", null)), 1));

        // Then the next ketamine sample is a watchlist detection
        List<KeyValue<String, Detection>> out = fixture.detected();
        assertThat(out).extracting(kv -> kv.value.rule(), kv -> kv.value.substance(), kv -> kv.value.severity())
                .containsExactly(tuple(Rule.WATCHLIST_SUBSTANCE, "ketamine", Severity.HIGH));
    }
}
