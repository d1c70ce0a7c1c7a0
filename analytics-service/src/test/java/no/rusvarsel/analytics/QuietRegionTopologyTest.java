package no.rusvarsel.analytics;

import no.rusvarsel.analytics.intake.LatePolicy;
import no.rusvarsel.analytics.spike.SpikeSettings;
import no.rusvarsel.contracts.signal.PatientEvent;
import no.rusvarsel.contracts.signal.WastewaterResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * False alarms: six weeks of ordinary noise in quiet regions — overdoses at a steady Poisson rate of 1 to 6 a day per
 * county, reported as one to three ambulance and emergency-department aggregates a day, and daily wastewater loads of
 * common drugs with 10 % day-to-day variation — must not yield a single detection.
 */
class QuietRegionTopologyTest {

    private static final LocalDate DAY0 = LocalDate.parse("2025-01-15");
    private static final int DAYS = 42;
    /** County (by a municipality in it) → its ordinary overdoses a day. */
    private static final List<Object[]> COUNTIES = List.of(
            new Object[]{"0301", 6.0}, new Object[]{"4601", 3.0}, new Object[]{"5001", 2.0}, new Object[]{"1103", 1.0});
    /** Site, municipality, substance (a wastewater marker), ordinary load mg/day/1000. */
    private static final List<Object[]> SITES = List.of(
            new Object[]{"VEAS", "0301", "benzoylecgonine", 520.0}, new Object[]{"VEAS", "0301", "amphetamine", 180.0},
            new Object[]{"VEAS", "0301", "MDMA", 35.0}, new Object[]{"BERGEN-FLESLAND", "4601", "benzoylecgonine", 260.0},
            new Object[]{"BERGEN-FLESLAND", "4601", "THC-COOH", 90.0}, new Object[]{"HOVRINGEN", "5001", "methamphetamine", 40.0});
    private static final double DAY_TO_DAY_CV = 0.10;

    private TopologyFixture fixture;

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void shouldRaiseNoSpikeOrRiseWhenQuietRegionsShowOnlyOrdinaryNoise() {
        // Given the shipped settings (EARS C2, alpha 0.001, minimum 3, Poisson check 0.001; wastewater z 3, ratio 1.5)
        fixture = new TopologyFixture(SpikeSettings.defaults(), LatePolicy.defaults());

        // When six weeks of ordinary days arrive, day by day
        int reports = sendOrdinaryWeeks();

        // Then not one detection of any rule came out, and nothing was dead-lettered
        assertThat(fixture.detected()).isEmpty();
        assertThat(fixture.deadLetters.isEmpty()).isTrue();
        assertThat(reports).as("ordinary reports sent").isGreaterThan(200 + DAYS * SITES.size());
    }

    @Test
    void shouldCryWolfOnTheSameNoiseWhenThePoissonCheckIsTurnedOff() {
        // Given plain EARS C2 (alpha 0.001, minimum 3) without the Poisson check: a 7-day sample sd is often far too small
        fixture = new TopologyFixture(new SpikeSettings(SpikeSettings.Method.C2, 0.001, 7, 3, 1.0), LatePolicy.defaults());

        // When the same six ordinary weeks arrive
        sendOrdinaryWeeks();

        // Then ordinary days are called spikes (Oslo's 12 against 6.6 a day has a Poisson probability of 4 %): why the check is on
        assertThat(fixture.detected()).extracting(kv -> kv.value.summary()).containsExactly(
                "Overdoses in Oslo (03) on 2025-01-27: 12 against an expected 6.6 (C2 threshold 11.9).",
                "Overdoses in Trøndelag (50) on 2025-02-07: 4 against an expected 1.4 (C2 threshold 3.9).",
                "Overdoses in Oslo (03) on 2025-02-13: 9 against an expected 4.3 (C2 threshold 6.6).",
                "Overdoses in Trøndelag (50) on 2025-02-22: 7 against an expected 2.0 (C2 threshold 5.6).");
    }

    /** Six weeks of ordinary overdoses and wastewater loads, day by day, from one seeded generator; returns the records sent. */
    private int sendOrdinaryWeeks() {
        var random = new Random(20250115L);
        int sent = 0;
        for (int d = 0; d < DAYS; d++) {
            var day = DAY0.plusDays(d);
            for (var county : COUNTIES) {
                sent += sendOverdoses((String) county[0], day, poisson(random, (double) county[1]), random);
            }
            for (var site : SITES) {
                double load = (double) site[3] * lognormal(random, DAY_TO_DAY_CV);
                fixture.send(TopologyFixture.envelope("ww-lab", new WastewaterResult("WW-" + site[0] + "-" + site[2] + "-" + day,
                        (String) site[1], day.toString(), null, (String) site[0], 650_000L, day.toString(), day.plusDays(1).toString(),
                        List.of(new WastewaterResult.Measurement((String) site[2], load * 2.5, load, false))), 1));
                sent++;
            }
        }
        return sent;
    }

    /** The day's overdoses as one to three aggregate reports (ambulance, emergency department); returns how many were sent. */
    private int sendOverdoses(String region, LocalDate day, int overdoses, Random random) {
        int reports = Math.min(overdoses, 1 + random.nextInt(3));
        int left = overdoses;
        for (int r = 0; r < reports; r++) {
            int count = r == reports - 1 ? left : 1 + random.nextInt(Math.max(1, left - (reports - r - 1)));
            count = Math.min(count, left - (reports - r - 1));
            left -= count;
            var setting = r % 2 == 0 ? PatientEvent.Setting.AMBULANCE : PatientEvent.Setting.EMERGENCY_DEPARTMENT;
            fixture.send(TopologyFixture.envelope("amk", new PatientEvent("OD-" + region + "-" + day + "-" + r, region, day.toString(), null,
                    PatientEvent.EventType.OVERDOSE_NONFATAL, setting, count, null, null, List.of(), List.of()), 1));
        }
        return reports;
    }

    private static int poisson(Random random, double mean) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int k = 0;
        while (product > limit) {
            product *= random.nextDouble();
            k++;
        }
        return k;
    }

    /** A multiplicative factor with mean 1 and the given coefficient of variation. */
    private static double lognormal(Random random, double cv) {
        double sigma = Math.sqrt(Math.log(1 + cv * cv));
        return Math.exp(-sigma * sigma / 2 + sigma * random.nextGaussian());
    }
}
