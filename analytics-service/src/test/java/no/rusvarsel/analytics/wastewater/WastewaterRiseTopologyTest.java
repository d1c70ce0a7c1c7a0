package no.rusvarsel.analytics.wastewater;

import no.rusvarsel.analytics.TopologyFixture;
import no.rusvarsel.contracts.detection.Detection;
import no.rusvarsel.contracts.detection.Rule;
import no.rusvarsel.contracts.detection.Severity;
import no.rusvarsel.contracts.signal.SignalEnvelope;
import no.rusvarsel.contracts.signal.WastewaterResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** WASTEWATER_RISE through the production topology (baseline 7 samples, z 3, ratio 1.5), with explicit event times. */
class WastewaterRiseTopologyTest {

    private static final LocalDate DAY0 = LocalDate.parse("2025-02-01");
    private static final double[] ORDINARY = {400, 420, 390, 410, 405, 415, 395, 400};

    private TopologyFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new TopologyFixture();
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private static SignalEnvelope sample(int day, String substance, double load, boolean belowLoq) {
        var date = DAY0.plusDays(day).toString();
        return TopologyFixture.envelope("ww-lab", new WastewaterResult("VEAS-" + substance + "-" + day, "0301", date, null, "VEAS",
                650_000L, date, date, List.of(new WastewaterResult.Measurement(substance, belowLoq ? 0.0 : load * 2, belowLoq ? null : load,
                belowLoq))), 1);
    }

    private List<Detection> rises() {
        return fixture.detected().stream().map(kv -> kv.value).filter(d -> d.rule() == Rule.WASTEWATER_RISE).toList();
    }

    @Test
    void shouldRaiseARiseWhenASitesLoadDoublesAgainstItsOwnHistory() {
        for (int d = 0; d < ORDINARY.length; d++) {
            fixture.send(sample(d, "benzoylecgonine", ORDINARY[d], false));
        }
        var high = sample(ORDINARY.length, "benzoylecgonine", 900, false);

        fixture.send(high);

        assertThat(fixture.detected()).singleElement().satisfies(kv -> {
            assertThat(kv.key).isEqualTo("03|cocaine|TREND");
            var d = kv.value;
            assertThat(d.rule()).isEqualTo(Rule.WASTEWATER_RISE);
            assertThat(d.substance()).isEqualTo("cocaine");
            assertThat(d.severity()).isEqualTo(Severity.MODERATE);
            assertThat(d.evidence()).containsExactly(high.signalId());
            assertThat(d.metrics().get("observed")).isEqualTo(900.0);
            assertThat(d.summary()).isEqualTo("Cocaine in wastewater at VEAS in Oslo (0301) rose to 900.0 on 2025-02-09 against a recent "
                    + "mean of 405.0.");
        });
    }

    @Test
    void shouldStayQuietForOrdinaryDayToDayVariation() {
        for (int d = 0; d < ORDINARY.length; d++) {
            fixture.send(sample(d, "benzoylecgonine", ORDINARY[d], false));
        }
        fixture.send(sample(ORDINARY.length, "benzoylecgonine", 430, false));

        assertThat(fixture.detections.isEmpty()).isTrue();
    }

    @Test
    void shouldReportTheFirstQuantificationOfAWatchedSubstanceAtASite() {
        for (int d = 0; d < 7; d++) {
            fixture.send(sample(d, "4-hydroxy-xylazine", 0, true));
        }
        assertThat(fixture.detections.isEmpty()).isTrue();

        fixture.send(sample(7, "4-hydroxy-xylazine", 1.2, false));

        assertThat(fixture.detected()).extracting(kv -> kv.value.rule(), kv -> kv.value.substance(), kv -> kv.value.severity())
                .containsExactly(tuple(Rule.WATCHLIST_SUBSTANCE, "xylazine", Severity.CRITICAL),
                        tuple(Rule.WASTEWATER_RISE, "xylazine", Severity.CRITICAL));
        assertThat(fixture.detections.isEmpty()).as("nothing else came out").isTrue();
    }

    @Test
    void shouldJudgeALateResultAgainstTheSamplesBeforeItsOwnDay() {
        // Given seven ordinary days and a later ordinary day 9, When the lab's result for day 8 arrives last and is high
        for (int d = 0; d < 7; d++) {
            fixture.send(sample(d, "benzoylecgonine", ORDINARY[d], false));
        }
        fixture.send(sample(9, "benzoylecgonine", 405, false));
        fixture.send(sample(8, "benzoylecgonine", 950, false));

        // Then day 8 is a rise, judged against days 1-7 (not day 9)
        assertThat(rises()).singleElement().satisfies(d -> assertThat(d.summary()).contains("on 2025-02-09"));
    }

    @Test
    void shouldTakeBackASampleACorrectionNoLongerReports() {
        // Given eight ordinary days, where day 3 was first reported with a typo (5000) and then corrected by the lab:
        // cocaine was not measured in that sample after all
        for (int d = 0; d < ORDINARY.length; d++) {
            fixture.send(sample(d, "benzoylecgonine", d == 3 ? 5000 : ORDINARY[d], false));
        }
        var day3 = DAY0.plusDays(3).toString();
        fixture.send(TopologyFixture.envelope("ww-lab", new WastewaterResult("VEAS-benzoylecgonine-3", "0301", day3, null, "VEAS",
                650_000L, day3, day3, List.of(new WastewaterResult.Measurement("amphetamine", 300.0, 150.0, false))), 2));

        // When day 8 doubles
        var high = sample(ORDINARY.length, "benzoylecgonine", 900, false);
        fixture.send(high);

        // Then a rise, judged against the seven samples that remain (the withdrawn 5000 would have hidden it)
        assertThat(fixture.detected()).singleElement().satisfies(kv -> assertThat(kv.value.summary()).isEqualTo(
                "Cocaine in wastewater at VEAS in Oslo (0301) rose to 900.0 on 2025-02-09 against a recent mean of 403.6."));
    }
}
