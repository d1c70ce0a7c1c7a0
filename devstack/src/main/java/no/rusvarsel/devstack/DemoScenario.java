package no.rusvarsel.devstack;

import no.rusvarsel.contracts.signal.DrugCheckingResult;
import no.rusvarsel.contracts.signal.DrugCheckingResult.Component;
import no.rusvarsel.contracts.signal.DrugCheckingResult.Form;
import no.rusvarsel.contracts.signal.DrugCheckingResult.Method;
import no.rusvarsel.contracts.signal.ObservedAt;
import no.rusvarsel.contracts.signal.PatientEvent;
import no.rusvarsel.contracts.signal.PatientEvent.EventType;
import no.rusvarsel.contracts.signal.PatientEvent.Setting;
import no.rusvarsel.contracts.signal.SeizureReport;
import no.rusvarsel.contracts.signal.SeizureReport.Agency;
import no.rusvarsel.contracts.signal.SeizureReport.Item;
import no.rusvarsel.contracts.signal.SeizureReport.Unit;
import no.rusvarsel.contracts.signal.SignalPayload;
import no.rusvarsel.contracts.signal.SourceType;
import no.rusvarsel.contracts.signal.SyringeResult;
import no.rusvarsel.contracts.signal.SyringeResult.Detected;
import no.rusvarsel.contracts.signal.WastewaterResult;
import no.rusvarsel.contracts.signal.WastewaterResult.Measurement;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A small, realistic, synthetic two weeks of data from every kind of provider, ending at {@code today}, with a few
 * injected events the analytics must catch:
 * <ul>
 *   <li>an isotonitazene tablet sold as oxycodone in Oslo (0301),</li>
 *   <li>carfentanil seized by customs at Oslo airport (Ullensaker, 3209),</li>
 *   <li>an overdose cluster in Bergen (4601) with metonitazene (patient events and used syringes),</li>
 *   <li>an MDMA tablet of 280 mg in Trondheim (5001),</li>
 *   <li>a tripled cocaine load (benzoylecgonine) in Trondheim's wastewater on the latest sample.</li>
 * </ul>
 * Everything comes from one seeded {@link Random} and fixed external ids, so a second run on the same day is all
 * duplicates (on another day the same ids move to the new dates: corrections, not new data).
 */
public final class DemoScenario {

    public static final long SEED = 0x5255_5356_4152L; // "RUSVAR"
    public static final int DAYS = 14;

    /** External ids of the injected critical events. */
    public static final String ISOTONITAZENE_AS_OXYCODONE = "DEMO-DC-INJ-ISOTONITAZENE-OSLO";
    public static final String MDMA_280_MG = "DEMO-DC-INJ-MDMA-280MG";
    public static final String CARFENTANIL_CUSTOMS = "DEMO-SZ-INJ-CARFENTANIL-CUSTOMS";
    public static final String BERGEN_CLUSTER_PREFIX = "DEMO-PE-INJ-BERGEN-";
    public static final String BERGEN_SYRINGES = "DEMO-SY-INJ-BERGEN-METONITAZENE";
    /** The Trondheim wastewater sample whose cocaine load is tripled (the latest one, two days ago). */
    public static final String TRONDHEIM_WASTEWATER_RISE = "DEMO-WW-NO-TRD-HOVRINGEN-D2";

    private static final ZoneId ZONE = ObservedAt.ZONE;

    private static final String OSLO = "0301";
    private static final String BERGEN = "4601";
    private static final String TRONDHEIM = "5001";
    private static final String ULLENSAKER = "3209";
    /** Where background drug-checking samples come from: several counties, weighted towards the cities with services. */
    private static final List<String> CHECKING_REGIONS = List.of(
            OSLO, OSLO, OSLO, BERGEN, BERGEN, TRONDHEIM, TRONDHEIM, "1103", "4204", "5501", "3301", "1804", "03", "46");
    private static final List<String> SEIZURE_REGIONS = List.of(OSLO, BERGEN, TRONDHEIM, "1103", "3403", "4003", "3907", "5501");

    private record Site(String siteId, String region, long population, double flowLitresPerPerson,
                        double cocaineLoad, double amphetamineLoad, double mdmaLoad) {
    }

    private static final List<Site> SITES = List.of(
            new Site("NO-OSL-VEAS", OSLO, 680_000, 310, 560, 115, 26),
            new Site("NO-BGO-HOLEN", BERGEN, 120_000, 340, 310, 95, 17),
            new Site("NO-TRD-HOVRINGEN", TRONDHEIM, 150_000, 290, 270, 140, 31));

    private final LocalDate today;
    private final List<WastewaterResult> wastewater = new ArrayList<>();
    private final List<DrugCheckingResult> drugChecking = new ArrayList<>();
    private final List<SeizureReport> seizures = new ArrayList<>();
    private final List<PatientEvent> patientEvents = new ArrayList<>();
    private final List<SyringeResult> syringes = new ArrayList<>();
    private final List<SignalPayload> injected = new ArrayList<>();

    private DemoScenario(LocalDate today) {
        this.today = today;
    }

    /** The scenario for two weeks up to today (Norwegian time). */
    public static DemoScenario forToday() {
        return build(LocalDate.now(ZONE));
    }

    public static DemoScenario build(LocalDate today) {
        var scenario = new DemoScenario(today);
        var random = new Random(SEED);
        scenario.background(random);
        scenario.inject();
        return scenario;
    }

    // ---------------------------------------------------------------- background

    private void background(Random random) {
        backgroundWastewater(random);
        backgroundDrugChecking(random);
        backgroundSeizures(random);
        backgroundPatientEvents(random);
        backgroundSyringes(random);
    }

    /** Daily 24-hour composite samples; results arrive two days later, so the last sample is from the day before yesterday. */
    private void backgroundWastewater(Random random) {
        for (Site site : SITES) {
            for (int ago = DAYS + 1; ago >= 2; ago--) {
                LocalDate day = today.minusDays(ago);
                boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY
                        || day.getDayOfWeek() == DayOfWeek.MONDAY; // Sunday-to-Monday sample still carries the weekend
                double flow = site.flowLitresPerPerson() * noise(random, 0.10);
                var measurements = List.of(
                        measurement("benzoylecgonine", site.cocaineLoad() * (weekend ? 1.35 : 1.0) * noise(random, 0.15), flow),
                        measurement("amphetamine", site.amphetamineLoad() * noise(random, 0.15), flow),
                        measurement("MDMA", site.mdmaLoad() * (weekend ? 1.8 : 1.0) * noise(random, 0.20), flow),
                        new Measurement("methamphetamine", round1(random.nextDouble() * 4), null, true));
                wastewater.add(new WastewaterResult(
                        "DEMO-WW-" + site.siteId() + "-D" + ago,
                        site.region(),
                        day.toString(),
                        null,
                        site.siteId(),
                        site.population(),
                        day.atTime(8, 0).atZone(ZONE).toInstant().toString(),
                        day.plusDays(1).atTime(8, 0).atZone(ZONE).toInstant().toString(),
                        measurements));
            }
        }
    }

    /** Load in mg/day per 1000 inhabitants → concentration in ng/L at the given flow (L/day per person). */
    private static Measurement measurement(String substance, double load, double flowLitresPerPerson) {
        double concentration = load * 1000 / flowLitresPerPerson;
        return new Measurement(substance, round1(concentration), round1(load), false);
    }

    private void backgroundDrugChecking(Random random) {
        int n = 0;
        for (int ago = DAYS - 1; ago >= 0; ago--) {
            LocalDate day = today.minusDays(ago);
            int samples = 2 + random.nextInt(4);
            for (int i = 0; i < samples; i++) {
                n++;
                String region = pick(random, CHECKING_REGIONS);
                Method method = random.nextInt(10) < 6 ? Method.FTIR : random.nextBoolean() ? Method.GC_MS : Method.LC_MS;
                boolean confirmed = method != Method.FTIR;
                String id = "DEMO-DC-" + String.format("%04d", n);
                int kind = random.nextInt(10);
                DrugCheckingResult result;
                if (kind < 3) {
                    // MDMA tablets of ordinary strength (the 280 mg one is injected)
                    var components = new ArrayList<Component>();
                    components.add(new Component("MDMA", round1(105 + random.nextDouble() * 85), null));
                    if (random.nextInt(4) == 0) {
                        components.add(new Component("caffeine", round1(5 + random.nextDouble() * 20), null));
                    }
                    result = new DrugCheckingResult(id, region, day.toString(), null, Form.TABLET, "ecstasy", method, confirmed, components);
                } else if (kind < 4) {
                    result = new DrugCheckingResult(id, region, day.toString(), null, Form.CRYSTAL, "MDMA", method, confirmed,
                            List.of(new Component("MDMA", null, round1(72 + random.nextDouble() * 20))));
                } else if (kind < 7) {
                    var components = new ArrayList<Component>();
                    components.add(new Component("cocaine", null, round1(42 + random.nextDouble() * 46)));
                    if (random.nextInt(3) == 0) {
                        components.add(new Component("levamisole", null, round1(1 + random.nextDouble() * 7)));
                    }
                    if (random.nextInt(5) == 0) {
                        components.add(new Component("lidocaine", null, round1(2 + random.nextDouble() * 10)));
                    }
                    result = new DrugCheckingResult(id, region, day.toString(), null, Form.POWDER, "kokain", method, confirmed, components);
                } else if (kind < 9) {
                    var components = new ArrayList<Component>();
                    components.add(new Component(random.nextBoolean() ? "amphetamine" : "amfetamin", null, round1(8 + random.nextDouble() * 40)));
                    components.add(new Component("caffeine", null, round1(10 + random.nextDouble() * 40)));
                    result = new DrugCheckingResult(id, region, day.toString(), null, Form.POWDER, "speed", method, confirmed, components);
                } else {
                    result = new DrugCheckingResult(id, region, day.toString(), null,
                            random.nextBoolean() ? Form.CRYSTAL : Form.POWDER, "ketamine", method, confirmed,
                            List.of(new Component("ketamine", null, round1(70 + random.nextDouble() * 26))));
                }
                drugChecking.add(result);
            }
        }
    }

    private void backgroundSeizures(Random random) {
        int n = 0;
        for (int ago = DAYS - 1; ago >= 0; ago -= 2) {
            LocalDate day = today.minusDays(ago);
            n++;
            String region = pick(random, SEIZURE_REGIONS);
            Item item = switch (random.nextInt(5)) {
                case 0 -> new Item("cocaine", round1(10 + random.nextDouble() * 240), Unit.G, round1(50 + random.nextDouble() * 40), Form.POWDER);
                case 1 -> new Item("amphetamine", round1(50 + random.nextDouble() * 900), Unit.G, round1(10 + random.nextDouble() * 40), Form.POWDER);
                case 2 -> new Item("cannabis", round1(0.5 + random.nextDouble() * 4), Unit.KG, null, Form.PLANT);
                case 3 -> new Item("MDMA", (double) (100 + random.nextInt(900)), Unit.TABLETS, null, Form.TABLET);
                default -> new Item("heroin", round1(5 + random.nextDouble() * 60), Unit.G, round1(15 + random.nextDouble() * 35), Form.POWDER);
            };
            seizures.add(new SeizureReport("DEMO-SZ-" + String.format("%04d", n), region, day.toString(), null, Agency.POLICE, List.of(item)));
        }
        seizures.add(new SeizureReport("DEMO-SZ-CUSTOMS-COCAINE", ULLENSAKER, today.minusDays(9).toString(),
                "Courier luggage, Oslo airport", Agency.CUSTOMS,
                List.of(new Item("cocaine", 2.4, Unit.KG, 78.0, Form.POWDER))));
    }

    private void backgroundPatientEvents(Random random) {
        for (int ago = DAYS - 1; ago >= 0; ago--) {
            LocalDate day = today.minusDays(ago);
            addPatientEvent(OSLO, day, ago, EventType.OVERDOSE_NONFATAL, Setting.AMBULANCE, 2 + random.nextInt(5), List.of("heroin"));
            addPatientEvent(OSLO, day, ago, EventType.NALOXONE_ADMINISTERED, Setting.LOW_THRESHOLD_SERVICE, random.nextInt(3), List.of("heroin"));
            addPatientEvent(BERGEN, day, ago, EventType.OVERDOSE_NONFATAL, Setting.AMBULANCE, random.nextInt(3), List.of("heroin"));
            addPatientEvent(TRONDHEIM, day, ago, EventType.OVERDOSE_NONFATAL, Setting.AMBULANCE, random.nextInt(3), List.of("heroin"));
            addPatientEvent("11", day, ago, EventType.POISONING_ENQUIRY, Setting.POISON_CENTRE, random.nextInt(2), List.of("GHB"));
        }
    }

    private void addPatientEvent(String region, LocalDate day, int ago, EventType type, Setting setting, int count, List<String> suspected) {
        if (count < 1) {
            return;
        }
        patientEvents.add(new PatientEvent("DEMO-PE-" + region + "-" + type.name() + "-D" + ago, region, day.toString(), null,
                type, setting, count, null, null, suspected, null));
    }

    private void backgroundSyringes(Random random) {
        record SyringeSite(String siteId, String region, int firstAgo) {
        }
        for (var site : List.of(new SyringeSite("NO-OSL-SPROYTEROM", OSLO, 13), new SyringeSite("NO-BGO-LAVTERSKEL", BERGEN, 12))) {
            for (int ago = site.firstAgo(); ago >= 2; ago -= 7) {
                int count = 60 + random.nextInt(60);
                syringes.add(new SyringeResult("DEMO-SY-" + site.siteId() + "-D" + ago, site.region(), today.minusDays(ago).toString(), null,
                        site.siteId(), count, List.of(
                        new Detected("heroin", count * (30 + random.nextInt(20)) / 100),
                        new Detected("amphetamine", count * (25 + random.nextInt(20)) / 100),
                        new Detected("methamphetamine", count * (5 + random.nextInt(10)) / 100),
                        new Detected("cocaine", count * (5 + random.nextInt(10)) / 100),
                        new Detected("buprenorphine", count * (2 + random.nextInt(6)) / 100))));
            }
        }
    }

    // ---------------------------------------------------------------- injected events

    private void inject() {
        var isotonitazene = new DrugCheckingResult(ISOTONITAZENE_AS_OXYCODONE, OSLO, today.minusDays(1).toString(),
                "Blue round tablet marked 'OC 80', bought as OxyContin", Form.TABLET, "oxycodone", Method.LC_MS, true,
                List.of(new Component("isotonitazene", 1.2, null),
                        new Component("microcrystalline cellulose", null, null)));
        var mdma = new DrugCheckingResult(MDMA_280_MG, TRONDHEIM, today.minusDays(1).toString(),
                "Orange 'Tesla' tablet", Form.TABLET, "ecstasy", Method.GC_MS, true,
                List.of(new Component("MDMA", 280.0, null)));
        drugChecking.add(isotonitazene);
        drugChecking.add(mdma);

        var carfentanil = new SeizureReport(CARFENTANIL_CUSTOMS, ULLENSAKER, today.minusDays(2).toString(),
                "Postal consignment declared as 'hair dye'", Agency.CUSTOMS,
                List.of(new Item("carfentanil", 4.5, Unit.G, 12.0, Form.POWDER)));
        seizures.add(carfentanil);

        var cluster = List.of(
                new PatientEvent(BERGEN_CLUSTER_PREFIX + "AMB-D1", BERGEN, today.minusDays(1).toString(), null,
                        EventType.OVERDOSE_NONFATAL, Setting.AMBULANCE, 7, null, null, List.of("heroin"), null),
                new PatientEvent(BERGEN_CLUSTER_PREFIX + "ED-D1", BERGEN, today.minusDays(1).toString(), null,
                        EventType.OVERDOSE_NONFATAL, Setting.EMERGENCY_DEPARTMENT, 5, null, null, List.of("heroin"), List.of("metonitazene")),
                new PatientEvent(BERGEN_CLUSTER_PREFIX + "AMB-D0", BERGEN, today.toString(), null,
                        EventType.OVERDOSE_NONFATAL, Setting.AMBULANCE, 9, null, null, List.of("heroin"), null),
                new PatientEvent(BERGEN_CLUSTER_PREFIX + "FATAL-D0", BERGEN, today.toString(), null,
                        EventType.OVERDOSE_FATAL, Setting.FORENSIC, 2, null, null, List.of("heroin"), List.of("metonitazene")));
        patientEvents.addAll(cluster);

        var bergenSyringes = new SyringeResult(BERGEN_SYRINGES, BERGEN, today.minusDays(1).toString(),
                "Extra analysis after the overdose cluster", "NO-BGO-LAVTERSKEL", 60, List.of(
                new Detected("heroin", 22), new Detected("metonitazene", 4), new Detected("amphetamine", 15)));
        syringes.add(bergenSyringes);

        for (int i = 0; i < wastewater.size(); i++) {
            var sample = wastewater.get(i);
            if (sample.externalId().equals(TRONDHEIM_WASTEWATER_RISE)) {
                var site = SITES.get(2);
                var measurements = sample.measurements().stream()
                        .map(m -> m.substance().equals("benzoylecgonine")
                                ? measurement("benzoylecgonine", site.cocaineLoad() * 3.0, site.flowLitresPerPerson()) : m)
                        .toList();
                var rise = new WastewaterResult(sample.externalId(), sample.region(), sample.observedAt(), null, sample.siteId(),
                        sample.populationServed(), sample.sampleStart(), sample.sampleEnd(), measurements);
                wastewater.set(i, rise);
                injected.add(rise);
            }
        }
        injected.add(isotonitazene);
        injected.add(carfentanil);
        injected.addAll(cluster);
        injected.add(bergenSyringes);
        injected.add(mdma);
    }

    // ---------------------------------------------------------------- access

    public LocalDate today() {
        return today;
    }

    public List<WastewaterResult> wastewater() {
        return Collections.unmodifiableList(wastewater);
    }

    public List<DrugCheckingResult> drugChecking() {
        return Collections.unmodifiableList(drugChecking);
    }

    public List<SeizureReport> seizures() {
        return Collections.unmodifiableList(seizures);
    }

    public List<PatientEvent> patientEvents() {
        return Collections.unmodifiableList(patientEvents);
    }

    public List<SyringeResult> syringes() {
        return Collections.unmodifiableList(syringes);
    }

    /** The injected critical events (also contained in the per-type lists). */
    public List<SignalPayload> injected() {
        return Collections.unmodifiableList(injected);
    }

    /** Every record, per source type, in the order the demo sends them. */
    public Map<SourceType, List<? extends SignalPayload>> bySourceType() {
        var all = new LinkedHashMap<SourceType, List<? extends SignalPayload>>();
        all.put(SourceType.WASTEWATER, wastewater());
        all.put(SourceType.DRUG_CHECKING, drugChecking());
        all.put(SourceType.SEIZURE, seizures());
        all.put(SourceType.PATIENT_EVENT, patientEvents());
        all.put(SourceType.SYRINGE, syringes());
        return all;
    }

    public int size() {
        return bySourceType().values().stream().mapToInt(List::size).sum();
    }

    // ---------------------------------------------------------------- helpers

    private static <T> T pick(Random random, List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    private static double noise(Random random, double relative) {
        return 1 + (random.nextDouble() * 2 - 1) * relative;
    }

    private static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
