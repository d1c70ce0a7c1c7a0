package no.rusvarsel.analytics.spike;

import no.rusvarsel.analytics.TopologyFixture;
import no.rusvarsel.contracts.detection.Certainty;
import no.rusvarsel.contracts.detection.Detection;
import no.rusvarsel.contracts.detection.Rule;
import no.rusvarsel.contracts.detection.Severity;
import no.rusvarsel.contracts.signal.PatientEvent;
import no.rusvarsel.contracts.signal.SignalEnvelope;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** OVERDOSE_SPIKE (EARS C2, alpha 0.001, minimum 3) through the production topology, with explicit event times. */
class OverdoseSpikeTopologyTest {

    private static final LocalDate DAY0 = LocalDate.parse("2025-02-01");
    /** A county's ordinary overdoses per day for the two weeks before the day judged. */
    private static final int[] ORDINARY = {1, 0, 2, 1, 1, 0, 1, 2, 1, 0, 1, 1, 2, 1};

    private TopologyFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new TopologyFixture();
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private static SignalEnvelope overdoses(String id, String region, LocalDate day, int count, PatientEvent.EventType type, int version) {
        return TopologyFixture.envelope("amk", new PatientEvent(id, region, day.toString(), null, type,
                PatientEvent.Setting.AMBULANCE, count, null, null, List.of(), List.of()), version);
    }

    private void ordinaryFortnight(String region) {
        for (int d = 0; d < ORDINARY.length; d++) {
            if (ORDINARY[d] > 0) {
                fixture.send(overdoses(region + "-" + d, region, DAY0.plusDays(d), ORDINARY[d], PatientEvent.EventType.OVERDOSE_NONFATAL, 1));
            }
        }
    }

    private List<Detection> spikes() {
        return fixture.detected().stream().map(kv -> kv.value).filter(d -> d.rule() == Rule.OVERDOSE_SPIKE).toList();
    }

    @Test
    void shouldRaiseOneSpikeWhenADaysOverdosesExceedTheC2ThresholdAndArePoissonImprobable() {
        // Given an ordinary fortnight in Oslo (the C2 baseline for the next day: mean 0.86, threshold 2.99)
        ordinaryFortnight("0301");
        assertThat(fixture.detections.isEmpty()).isTrue();

        // When three ambulance reports of 3 overdoses each arrive for the next day
        var spikeDay = DAY0.plusDays(ORDINARY.length);
        var first = overdoses("spike-1", "0301", spikeDay, 3, PatientEvent.EventType.OVERDOSE_NONFATAL, 1);
        var second = overdoses("spike-2", "0301", spikeDay, 3, PatientEvent.EventType.OVERDOSE_NONFATAL, 1);
        fixture.send(first);
        fixture.send(second);
        fixture.send(overdoses("spike-3", "0301", spikeDay, 3, PatientEvent.EventType.OVERDOSE_FATAL, 1));

        // Then exactly one spike for Oslo that day, raised with the report that made the count improbable: 3 is over
        // the C2 threshold but happens on 6 % of days at 0.86 a day; 6 (a Poisson probability of 0.03 %) is a spike
        List<KeyValue<String, Detection>> out = fixture.detected();
        assertThat(out).singleElement().satisfies(kv -> {
            assertThat(kv.key).isEqualTo("03|-|TREND");
            var d = kv.value;
            assertThat(d.rule()).isEqualTo(Rule.OVERDOSE_SPIKE);
            assertThat(d.region()).isEqualTo("03");
            assertThat(d.severity()).isEqualTo(Severity.HIGH);
            assertThat(d.certainty()).isEqualTo(Certainty.LIKELY);
            assertThat(d.evidence()).containsExactlyInAnyOrder(first.signalId(), second.signalId());
            assertThat(d.windowStart()).isEqualTo(first.observedAt());
            assertThat(d.metrics().get("observed")).isEqualTo(6.0);
            assertThat(d.metrics().get("threshold")).isLessThan(3.0);
            assertThat(d.metrics().get("poissonProbability")).isLessThan(0.001);
            assertThat(d.summary()).startsWith("Overdoses in Oslo (03) on " + spikeDay + ": 6 against an expected 0.9");
        });
    }

    @Test
    void shouldStopCountingAReportCorrectedIntoAPoisonCentreEnquiry() {
        ordinaryFortnight("5001");
        var day = DAY0.plusDays(ORDINARY.length);

        // Given 3 overdoses reported for the day, When that report is corrected into an enquiry and another of 4 arrives
        fixture.send(overdoses("x-1", "5001", day, 3, PatientEvent.EventType.OVERDOSE_NONFATAL, 1));
        fixture.send(overdoses("x-1", "5001", day, 3, PatientEvent.EventType.POISONING_ENQUIRY, 2));
        fixture.send(overdoses("x-2", "5001", day, 4, PatientEvent.EventType.OVERDOSE_NONFATAL, 1));

        // Then the day counts 4, not 7 (7 would be a spike at 0.86 a day; 4 happens on 1 % of days): nothing came out
        assertThat(fixture.detections.isEmpty()).isTrue();
    }

    @Test
    void shouldNotJudgeACountyWhoseReportsStartedLessThanABaselineAgo() {
        // Given a county whose first report was 5 days ago, When a day with 9 overdoses arrives
        fixture.send(overdoses("n-1", "3301", DAY0, 1, PatientEvent.EventType.OVERDOSE_NONFATAL, 1));
        fixture.send(overdoses("n-2", "3301", DAY0.plusDays(5), 9, PatientEvent.EventType.OVERDOSE_NONFATAL, 1));

        // Then no spike: the days before its first report are unknown, not zero
        assertThat(spikes()).isEmpty();
    }

    @Test
    void shouldNotCallOneOrTwoOverdosesInAQuietCountyASpike() {
        fixture.send(overdoses("q-1", "5601", DAY0.plusDays(20), 2, PatientEvent.EventType.OVERDOSE_NONFATAL, 1));

        assertThat(spikes()).isEmpty();
    }

    @Test
    void shouldReplaceACorrectedCountInsteadOfAddingIt() {
        ordinaryFortnight("1103");
        var day = DAY0.plusDays(ORDINARY.length);

        // Given 4 overdoses (over the C2 threshold, but a Poisson probability of 1 %), When the report is corrected to 4 again
        fixture.send(overdoses("c-1", "1103", day, 4, PatientEvent.EventType.OVERDOSE_NONFATAL, 1));
        fixture.send(overdoses("c-1", "1103", day, 4, PatientEvent.EventType.OVERDOSE_NONFATAL, 2));

        // Then the day still counts 4, not 8 (which would be a spike): no spike
        assertThat(spikes()).isEmpty();
    }

    @Test
    void shouldNotCountPoisonCentreEnquiriesAsOverdoses() {
        ordinaryFortnight("4601");

        fixture.send(overdoses("e-1", "4601", DAY0.plusDays(ORDINARY.length), 40, PatientEvent.EventType.POISONING_ENQUIRY, 1));

        assertThat(spikes()).isEmpty();
    }

    @Test
    void shouldMoveACorrectedReportToItsNewDayInsteadOfCountingItTwice() {
        ordinaryFortnight("3301");
        var day = DAY0.plusDays(ORDINARY.length);

        // Given 4 overdoses reported for a day, When the report is corrected to the next day and another 4 arrive for the first
        fixture.send(overdoses("m-1", "3301", day, 4, PatientEvent.EventType.OVERDOSE_NONFATAL, 1));
        fixture.send(overdoses("m-1", "3301", day.plusDays(1), 4, PatientEvent.EventType.OVERDOSE_NONFATAL, 2));
        fixture.send(overdoses("m-2", "3301", day, 4, PatientEvent.EventType.OVERDOSE_NONFATAL, 1));

        // Then the first day counts 4, not 8 (which would be a spike): nothing came out
        assertThat(fixture.detections.isEmpty()).isTrue();
    }
}
