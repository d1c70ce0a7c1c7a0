package no.rusvarsel.alerts.dashboard;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class IngestRatesTest {

    private static final Instant T0 = Instant.parse("2025-03-02T12:00:00Z");

    private static String metrics(int accepted, int corrected, int rejected) {
        return """
                # HELP rusvarsel_ingest_records_total records
                # TYPE rusvarsel_ingest_records_total counter
                rusvarsel_ingest_records_total{outcome="accepted",source_type="drug-checking"} %d.0
                rusvarsel_ingest_records_total{outcome="corrected",source_type="drug-checking"} %d.0
                rusvarsel_ingest_records_total{outcome="duplicate",source_type="drug-checking"} 7.0
                rusvarsel_ingest_records_total{outcome="rejected",source_type="seizure"} %d.0
                rusvarsel_ingest_records_total_created{outcome="accepted",source_type="drug-checking"} 1.7E9
                """.formatted(accepted, corrected, rejected);
    }

    @Test
    void givenOneReading_whenRated_thenTotalsButNoRatesYet() {
        var rates = new IngestRates().update(metrics(10, 2, 3), T0);

        assertThat(rates.bySourceType().get("drug-checking").acceptedTotal()).isEqualTo(12);
        assertThat(rates.bySourceType().get("drug-checking").acceptedPerMinute()).isNull();
        assertThat(rates.rejectedTotal()).isEqualTo(3);
    }

    @Test
    void givenTwoReadingsThirtySecondsApart_whenRated_thenPerMinuteRatesFromTheDifference() {
        var rates = new IngestRates();
        rates.update(metrics(10, 2, 3), T0);

        var later = rates.update(metrics(40, 2, 4), T0.plusSeconds(30));

        assertThat(later.bySourceType().get("drug-checking").acceptedPerMinute()).isEqualTo(60.0);
        assertThat(later.bySourceType().get("seizure").rejectedPerMinute()).isEqualTo(2.0);
        assertThat(later.rateSpanSeconds()).isEqualTo(30.0);
    }

    @Test
    void givenReadingsLessThanFiveSecondsApart_whenRated_thenTheRateKeepsTheOlderBase() {
        var rates = new IngestRates();
        rates.update(metrics(0, 0, 0), T0);
        rates.update(metrics(30, 0, 0), T0.plusSeconds(30));

        var soon = rates.update(metrics(31, 0, 0), T0.plusSeconds(32));

        assertThat(soon.rateSpanSeconds()).isEqualTo(32.0);
        assertThat(soon.bySourceType().get("drug-checking").acceptedPerMinute()).isCloseTo(58.1, org.assertj.core.data.Offset.offset(0.1));
    }
}
