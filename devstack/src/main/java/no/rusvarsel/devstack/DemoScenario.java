package no.rusvarsel.devstack;

import no.rusvarsel.bench.loadgen.Injection;
import no.rusvarsel.bench.loadgen.Injection.Kind;
import no.rusvarsel.bench.loadgen.Scenario;
import no.rusvarsel.contracts.signal.ObservedAt;

import java.time.LocalDate;
import java.util.List;

/**
 * The {@code --demo} scenario: the load generator's two weeks up to today for every county, at a small scale (about
 * {@value #SCALE} signals a day from all five kinds of provider, plus the ordinary overdoses), with five injected events:
 * <ul>
 *   <li>isotonitazene in a tablet sold as oxycodone in Oslo (0301), later in syringes and an overdose there,</li>
 *   <li>carfentanil seized by customs at Oslo airport (Ullensaker, 3209),</li>
 *   <li>an overdose cluster in Bergen (4601) with metonitazene (patient events and used syringes) yesterday and today,</li>
 *   <li>an MDMA tablet of 280 mg in Trondheim (5001),</li>
 *   <li>a tripled cocaine load (benzoylecgonine) in Trondheim's wastewater, the latest sample.</li>
 * </ul>
 * Seeded, with external ids made of the date: a second run on the same day is all duplicates; on a later day the days
 * both runs cover are duplicates too, and the new days (and the events, which move with today) are new records.
 */
public final class DemoScenario {

    public static final long SEED = 0x5255_5356_4152L; // "RUSVAR"
    public static final int DAYS = 14;
    public static final int SCALE = 60;
    public static final String ID_PREFIX = "DEMO";

    private DemoScenario() {
    }

    /** The scenario for two weeks up to today (Norwegian time). */
    public static Scenario forToday() {
        return build(LocalDate.now(ObservedAt.ZONE));
    }

    public static Scenario build(LocalDate today) {
        return Scenario.of(today.minusDays(DAYS - 1L), DAYS).withScale(SCALE).withSeed(SEED).withIdPrefix(ID_PREFIX)
                .withInjections(injections());
    }

    /** The injected events, by day of the scenario (13 = today). */
    public static List<Injection> injections() {
        return List.of(
                Injection.of(Kind.NITAZENE_APPEARING, "03", 9).withSubstance("isotonitazene").withSoldAs("oxycodone").inRegion("0301"),
                Injection.of(Kind.POTENT_OPIOID_SEIZURE, "32", 11).withSubstance("carfentanil").inRegion("3209"),
                Injection.of(Kind.OVERDOSE_CLUSTER, "46", 12).withSubstance("metonitazene").inRegion("4601"),
                Injection.of(Kind.HIGH_POTENCY_TABLET, "50", 12).withSubstance("MDMA").withSoldAs("ecstasy").inRegion("5001"),
                Injection.of(Kind.WASTEWATER_RISE, "50", 11).withSubstance("cocaine"));
    }

    /** One line per injected event, for the demo's closing message. */
    public static String describeInjections() {
        return "isotonitazene sold as oxycodone (Oslo 0301), carfentanil seized by customs (Ullensaker 3209), metonitazene overdose"
                + " cluster (Bergen 4601), 280 mg MDMA tablet (Trondheim 5001), tripled cocaine load in Trondheim's wastewater";
    }
}
