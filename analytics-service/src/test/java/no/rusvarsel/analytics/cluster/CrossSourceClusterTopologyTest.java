package no.rusvarsel.analytics.cluster;

import no.rusvarsel.analytics.TopologyFixture;
import no.rusvarsel.contracts.catalogue.SubstanceClass;
import no.rusvarsel.contracts.detection.Certainty;
import no.rusvarsel.contracts.detection.Detection;
import no.rusvarsel.contracts.detection.Rule;
import no.rusvarsel.contracts.detection.Severity;
import no.rusvarsel.contracts.signal.DrugCheckingResult;
import no.rusvarsel.contracts.signal.PatientEvent;
import no.rusvarsel.contracts.signal.SeizureReport;
import no.rusvarsel.contracts.signal.SignalEnvelope;
import no.rusvarsel.contracts.signal.SourceType;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** CROSS_SOURCE_CLUSTER through the production topology, with explicit event times. */
class CrossSourceClusterTopologyTest {

    private TopologyFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new TopologyFixture();
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private static SignalEnvelope sample(String id, String region, String day, String substance) {
        return TopologyFixture.envelope("lab", new DrugCheckingResult(id, region, day, null, DrugCheckingResult.Form.POWDER, null,
                DrugCheckingResult.Method.GC_MS, true, List.of(new DrugCheckingResult.Component(substance, null, null))), 1);
    }

    private static SignalEnvelope overdoses(String id, String region, String day, String substance, int version) {
        return TopologyFixture.envelope("amk", new PatientEvent(id, region, day, null, PatientEvent.EventType.OVERDOSE_NONFATAL,
                PatientEvent.Setting.AMBULANCE, 2, null, null, List.of(), List.of(substance)), version);
    }

    private static SignalEnvelope seizure(String id, String region, String day, String substance) {
        return TopologyFixture.envelope("police", new SeizureReport(id, region, day, null, SeizureReport.Agency.POLICE,
                List.of(new SeizureReport.Item(substance, 1.0, SeizureReport.Unit.G, null, null))), 1);
    }

    private List<Detection> clusters() {
        return fixture.detected().stream().map(kv -> kv.value).filter(d -> d.rule() == Rule.CROSS_SOURCE_CLUSTER).toList();
    }

    @Test
    void shouldRaiseALikelyClusterWhenDrugCheckingAndOverdosesSeeTheSameNitazeneInOneCountyWithinSevenDays() {
        // Given a confirmed isotonitazene sample in Oslo on 1 March, When ambulances confirm it in overdoses on 4 March
        var lab = sample("DC-1", "0301", "2025-03-01", "isotonitazene");
        var amk = overdoses("PE-1", "0301", "2025-03-04", "isotonitazen", 1);
        fixture.send(lab);
        fixture.send(amk);

        // Then one cluster detection for Oslo's isotonitazene, with both signals as evidence, and nothing else of this rule
        assertThat(clusters()).singleElement().satisfies(d -> {
            assertThat(d.region()).isEqualTo("03");
            assertThat(d.substance()).isEqualTo("isotonitazene");
            assertThat(d.certainty()).isEqualTo(Certainty.LIKELY);
            assertThat(d.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(d.sourceTypes()).containsExactlyInAnyOrder(SourceType.DRUG_CHECKING, SourceType.PATIENT_EVENT);
            assertThat(d.evidence()).containsExactlyInAnyOrder(lab.signalId(), amk.signalId());
            assertThat(d.windowStart()).isEqualTo(lab.observedAt());
            assertThat(d.summary()).isEqualTo("Isotonitazene seen by drug checking and patient events in Oslo (03) within 7 days "
                    + "(2 kinds of source, 2 signals).");
        });
    }

    @Test
    void shouldNotClusterAcrossCountiesOrBeyondSevenDaysOrWithinOneSourceType() {
        fixture.send(sample("DC-1", "0301", "2025-03-01", "isotonitazene"));
        fixture.send(overdoses("PE-1", "4601", "2025-03-02", "isotonitazene", 1));   // Bergen, not Oslo
        fixture.send(overdoses("PE-2", "0301", "2025-03-09", "isotonitazene", 1));   // 8 days later
        fixture.send(sample("DC-2", "0301", "2025-03-02", "isotonitazene"));        // same kind of source

        assertThat(clusters()).isEmpty();
    }

    @Test
    void shouldCountALateLaboratoryResultInItsOwnTime() {
        // Given overdoses on 10 March, When the lab result for a sample taken on 5 March arrives afterwards
        fixture.send(overdoses("PE-1", "5001", "2025-03-10", "carfentanil", 1));
        fixture.send(seizure("S-1", "5001", "2025-03-05", "carfentanil"));

        assertThat(clusters()).singleElement().satisfies(d -> {
            assertThat(d.windowStart()).isEqualTo(TopologyFixture.envelope("police", seizure("S-1", "5001", "2025-03-05", "carfentanil")
                    .payload(), 1).observedAt());
            assertThat(d.sourceTypes()).containsExactlyInAnyOrder(SourceType.SEIZURE, SourceType.PATIENT_EVENT);
        });
    }

    @Test
    void shouldRaiseCertaintyToObservedWhenAThirdKindOfSourceCorroborates() {
        fixture.send(sample("DC-1", "0301", "2025-03-01", "isotonitazene"));
        fixture.send(overdoses("PE-1", "0301", "2025-03-02", "isotonitazene", 1));
        fixture.send(seizure("S-1", "0301", "2025-03-03", "isotonitazene"));

        assertThat(clusters()).extracting(Detection::certainty).containsExactly(Certainty.LIKELY, Certainty.OBSERVED);
    }

    @Test
    void shouldReportAClusterOnceAndNotAgainForMoreSignalsOfTheSameKinds() {
        fixture.send(sample("DC-1", "0301", "2025-03-01", "isotonitazene"));
        fixture.send(overdoses("PE-1", "0301", "2025-03-02", "isotonitazene", 1));
        fixture.send(overdoses("PE-2", "0301", "2025-03-03", "isotonitazene", 1));
        fixture.send(overdoses("PE-1", "0301", "2025-03-02", "isotonitazene", 2)); // a correction of PE-1

        assertThat(clusters()).hasSize(1);
    }

    @Test
    void shouldClusterDifferentNitazenesAsTheirClass() {
        fixture.send(sample("DC-1", "4601", "2025-03-01", "isotonitazene"));
        fixture.send(overdoses("PE-1", "4601", "2025-03-03", "metonitazene", 1));

        assertThat(clusters()).singleElement().satisfies(d -> {
            assertThat(d.substance()).isNull();
            assertThat(d.substanceClass()).isEqualTo(SubstanceClass.NITAZENE_OPIOID);
            assertThat(d.summary()).startsWith("Nitazene opioids (Isotonitazene, Metonitazene) seen by drug checking and patient events in Vestland");
        });
    }

    @Test
    void shouldTakeBackTheSightingOfASubstanceACorrectionNoLongerReports() {
        // Given a sample first reported as isotonitazene, then corrected by the lab: it was oxycodone
        var first = sample("DC-1", "0301", "2025-03-01", "isotonitazene");
        fixture.send(first);
        fixture.send(TopologyFixture.envelope("lab", new DrugCheckingResult("DC-1", "0301", "2025-03-01", null,
                DrugCheckingResult.Form.POWDER, null, DrugCheckingResult.Method.GC_MS, true,
                List.of(new DrugCheckingResult.Component("oxycodone", null, null))), 2));
        fixture.detected(); // the first version's own detections

        // When ambulances confirm isotonitazene in overdoses two days later
        var amk = overdoses("PE-1", "0301", "2025-03-03", "isotonitazene", 1);
        fixture.send(amk);

        // Then no cluster: the withdrawn sighting corroborates nothing, and the state holds only the patient events
        assertThat(clusters()).isEmpty();
        KeyValueStore<String, ClusterState> store = fixture.driver.getKeyValueStore(CrossSourceProcessor.STORE);
        assertThat(store.get("03|isotonitazene").sightings()).extracting(ClusterState.Sighting::signalId).containsExactly(amk.signalId());
        assertThat(store.get("03|class:NITAZENE_OPIOID").sightings()).extracting(ClusterState.Sighting::signalId)
                .containsExactly(amk.signalId());
    }
}
