package no.rusvarsel.analytics.intake;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import no.rusvarsel.analytics.TopologyFixture;
import no.rusvarsel.analytics.spike.SpikeSettings;
import no.rusvarsel.contracts.deadletter.DeadLetter;
import no.rusvarsel.contracts.detection.Rule;
import no.rusvarsel.contracts.signal.DrugCheckingResult;
import no.rusvarsel.contracts.signal.PatientEvent;
import no.rusvarsel.contracts.signal.SignalEnvelope;
import no.rusvarsel.contracts.signal.WastewaterResult;
import no.rusvarsel.contracts.topic.Topics;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The late-record policy through the production topology (grace 30 days behind the county's event time), with explicit
 * event times: late results within the grace count in their own day; later ones are counted, dead-lettered, never lost.
 */
class LateRecordTopologyTest {

    private SimpleMeterRegistry meters;
    private TopologyFixture fixture;

    @BeforeEach
    void setUp() {
        meters = new SimpleMeterRegistry();
        fixture = new TopologyFixture(SpikeSettings.defaults(), LatePolicy.of(Duration.ofDays(30), meters));
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private double lateRecords() {
        return meters.get(LatePolicy.METRIC).counter().count();
    }

    private static SignalEnvelope wastewater(String id, String day, String substance, double load) {
        return TopologyFixture.envelope("ww-lab", new WastewaterResult(id, "5001", day, null, "HOVRINGEN", 190_000L, day, day,
                List.of(new WastewaterResult.Measurement(substance, load * 2, load, false))), 1);
    }

    private static SignalEnvelope overdoses(String id, String region, String day, int count) {
        return TopologyFixture.envelope("amk", new PatientEvent(id, region, day, null, PatientEvent.EventType.OVERDOSE_NONFATAL,
                PatientEvent.Setting.AMBULANCE, count, null, null, List.of(), List.of()), 1);
    }

    @Test
    void shouldCountALateLaboratoryResultWithinTheGraceInItsOwnDay() {
        // Given Trondheim's event time at 10 March
        fixture.send(overdoses("PE-1", "5001", "2025-03-10", 2));

        // When the wastewater result for a sample of 12 February (26 days behind) arrives
        fixture.send(wastewater("WW-1", "2025-02-12", "xylazine", 1.5));

        // Then it counts on 12 February and its detection comes out; nothing is dead-lettered or counted as late
        assertThat(fixture.situationCounts()).containsExactly(
                entry("50|2025-02-12|5001|VETERINARY_SEDATIVE|WASTEWATER", 1L),
                entry("50|2025-03-10|5001|UNSPECIFIED|PATIENT_EVENT", 2L));
        assertThat(fixture.detected()).extracting(kv -> kv.value.rule(), kv -> kv.value.windowStart())
                .containsExactly(tuple(Rule.WATCHLIST_SUBSTANCE, Instant.parse("2025-02-11T23:00:00Z")));
        assertThat(fixture.deadLetters.isEmpty()).isTrue();
        assertThat(lateRecords()).isZero();
    }

    @Test
    void shouldDeadLetterAndCountARecordLaterThanTheGraceWithItsReason() {
        // Given Trondheim's event time at 10 March
        fixture.send(overdoses("PE-1", "5001", "2025-03-10", 2));

        // When a result for 1 February (37 days behind) arrives
        var late = wastewater("WW-1", "2025-02-01", "xylazine", 1.5);
        fixture.send(late);

        // Then exactly this dead letter comes out, with the record as it was and why; it is counted, and nothing else came out
        var bytes = Topics.SIGNALS.valueSerde().serializer().serialize(Topics.SIGNALS.name(), late);
        assertThat(fixture.deadLetters.readKeyValuesToList()).containsExactly(KeyValue.pair("50", new DeadLetter("analytics-service",
                Topics.SIGNALS.name(), 0, 1, "50", Base64.getEncoder().encodeToString(bytes),
                "late: observedAt 2025-01-31T23:00:00Z is more than the grace PT720H behind county 50's event time "
                        + "2025-03-09T23:00:00Z (signal " + late.signalId() + " version 1)",
                null, TopologyFixture.NOW)));
        assertThat(lateRecords()).isEqualTo(1.0);
        assertThat(fixture.detections.isEmpty()).isTrue();
        assertThat(fixture.situationCounts()).containsOnlyKeys("50|2025-03-10|5001|UNSPECIFIED|PATIENT_EVENT");
    }

    @Test
    void shouldAdmitARecordExactlyTheGraceBehind() {
        fixture.send(overdoses("PE-1", "5001", "2025-03-31", 2));

        fixture.send(overdoses("PE-2", "5001", "2025-03-01", 1));

        assertThat(fixture.deadLetters.isEmpty()).isTrue();
        assertThat(fixture.situationCounts()).containsOnlyKeys("50|2025-03-01|5001|UNSPECIFIED|PATIENT_EVENT",
                "50|2025-03-31|5001|UNSPECIFIED|PATIENT_EVENT");
    }

    @Test
    void shouldCountOutOfOrderRecordsInTheirOwnDays() {
        // Given reports for 5, 3, 4 and 1 March arriving in that order
        for (var day : List.of("05", "03", "04", "01")) {
            fixture.send(overdoses("PE-" + day, "0301", "2025-03-" + day, Integer.parseInt(day)));
        }

        // Then each counts on its own day
        assertThat(fixture.situationCounts()).containsExactly(
                entry("03|2025-03-01|0301|UNSPECIFIED|PATIENT_EVENT", 1L),
                entry("03|2025-03-03|0301|UNSPECIFIED|PATIENT_EVENT", 3L),
                entry("03|2025-03-04|0301|UNSPECIFIED|PATIENT_EVENT", 4L),
                entry("03|2025-03-05|0301|UNSPECIFIED|PATIENT_EVENT", 5L));
        assertThat(fixture.deadLetters.isEmpty()).isTrue();
        assertThat(fixture.detections.isEmpty()).isTrue();
    }

    @Test
    void shouldJudgeLatenessAgainstTheRecordsOwnCountyOnly() {
        // Given Oslo's event time far ahead, When Bergen's first sample (40 days older) arrives
        fixture.send(overdoses("PE-1", "0301", "2025-04-20", 2));
        var bergen = TopologyFixture.envelope("lab", new DrugCheckingResult("DC-1", "4601", "2025-03-11", null,
                DrugCheckingResult.Form.POWDER, null, DrugCheckingResult.Method.GC_MS, true,
                List.of(new DrugCheckingResult.Component("cocaine", null, null))), 1);
        fixture.send(bergen);

        // Then Bergen's is not late: Vestland has no event time yet
        assertThat(fixture.deadLetters.isEmpty()).isTrue();
        assertThat(fixture.situationCounts()).containsKey("46|2025-03-11|4601|STIMULANT|DRUG_CHECKING");
    }

    @Test
    void shouldRefuseAGraceLongerThanTheRulesKeepHistory() {
        assertThatThrownBy(() -> LatePolicy.of(Duration.ofDays(46), meters)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("45 days");
    }
}
