package no.rusvarsel.bench.loadgen;

import no.rusvarsel.contracts.catalogue.Hazard;
import no.rusvarsel.contracts.catalogue.RegionCatalogue;
import no.rusvarsel.contracts.catalogue.Substance;
import no.rusvarsel.contracts.catalogue.SubstanceCatalogue;
import no.rusvarsel.contracts.catalogue.SubstanceClass;
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
import no.rusvarsel.contracts.detection.Rule;
import no.rusvarsel.contracts.detection.Severity;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static no.rusvarsel.bench.loadgen.Randoms.between;
import static no.rusvarsel.bench.loadgen.Randoms.chance;
import static no.rusvarsel.bench.loadgen.Randoms.noise;
import static no.rusvarsel.bench.loadgen.Randoms.pick;
import static no.rusvarsel.bench.loadgen.Randoms.poisson;
import static no.rusvarsel.bench.loadgen.Randoms.round1;
import static no.rusvarsel.bench.loadgen.Randoms.round2;

/**
 * Realistic synthetic signals of all five source types for a {@link Scenario}, in the order providers would send them,
 * with the injected events and their {@link GroundTruth}.
 *
 * <p>The background, per county weighted by population:
 * <ul>
 *   <li>wastewater: daily 24-hour samples at fixed sites (at least one per county) with site-specific loads of cocaine
 *       (benzoylecgonine), amphetamine, MDMA and methamphetamine (quantified at most sites, below LOQ at the rest, never
 *       switching), weekend samples higher for cocaine (×1.3) and MDMA (×1.7), ±12 % day-to-day noise; results arrive
 *       {@value #WASTEWATER_DELAY_DAYS} days after the sample;</li>
 *   <li>drug checking: common drugs sold as what they are (MDMA tablets under the potency threshold, cocaine with the
 *       usual cutting agents, amphetamine, ketamine, heroin, LSD, cannabis, alprazolam), more on weekdays;</li>
 *   <li>seizures: police, customs and corrections seizures of the same common drugs;</li>
 *   <li>patient events: overdoses (ambulance, emergency department, naloxone at low-threshold services, forensic) at a
 *       Poisson rate of {@link Scenario#overdosesPerDay()} for the whole country, higher on Friday to Sunday, as
 *       aggregates per municipality and setting; poison-centre enquiries (which the overdose rule does not count) fill
 *       the rest of the patient-event share of {@code scale};</li>
 *   <li>syringes: weekly collections at low-threshold services (at least one per county), results
 *       {@value #SYRINGE_DELAY_DAYS} days later.</li>
 * </ul>
 * Nothing in the background is on the watchlist (hazard HIGH or CRITICAL), mis-sold, over a potency threshold or a
 * rise by the analytics' own criteria, so a quiet county should raise no alert. {@code scale} is split about 15 %
 * wastewater, 30 % drug checking, 20 % seizures, 25 % patient events, 10 % syringes; below about 200 a day the one
 * wastewater and syringe site per county and the overdoses come on top.
 */
public final class LoadGenerator {

    public static final int WASTEWATER_DELAY_DAYS = 2;
    public static final int SYRINGE_DELAY_DAYS = 3;

    static final double SHARE_WASTEWATER = 0.15;
    static final double SHARE_DRUG_CHECKING = 0.30;
    static final double SHARE_SEIZURE = 0.20;
    static final double SHARE_PATIENT_EVENT = 0.25;
    static final double SHARE_SYRINGE = 0.10;

    /** Substances every wastewater site measures: catalogue id → the marker name the lab reports. */
    static final Map<String, String> WASTEWATER_MARKERS = orderedMap(
            "cocaine", "benzoylecgonine", "amphetamine", "amphetamine", "mdma", "MDMA", "methamphetamine", "methamphetamine");

    private static final DateTimeFormatter COMPACT = DateTimeFormatter.BASIC_ISO_DATE;

    private final Scenario scenario;
    private final SubstanceCatalogue substances;
    private final Geography geography;
    private final List<String> counties;
    private final Map<String, Double> share = new LinkedHashMap<>();
    private final List<WastewaterSite> wastewaterSites;
    private final List<SyringeSite> syringeSites;
    /** Arrival day index → injected signals. */
    private final Map<Integer, List<GeneratedSignal>> injected = new HashMap<>();
    /** {@code siteId|sampleDay|substanceId} → load factor (a wastewater rise). */
    private final Map<String, Double> wastewaterFactors = new HashMap<>();
    /** Counties whose first day must have an overdose report (so a cluster has its history). */
    private final Set<String> historyCounties = new HashSet<>();
    private final GroundTruth groundTruth;

    public LoadGenerator(Scenario scenario) {
        this(scenario, RegionCatalogue.defaultCatalogue(), SubstanceCatalogue.defaultCatalogue());
    }

    /** @throws IllegalArgumentException listing every problem of the scenario */
    public LoadGenerator(Scenario scenario, RegionCatalogue regions, SubstanceCatalogue substances) {
        this.scenario = scenario;
        this.substances = substances;
        this.geography = new Geography(regions);
        var problems = new ArrayList<>(scenario.problems(regions));
        for (var injection : scenario.injections()) {
            problems.addAll(substanceProblems(injection));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        this.counties = Geography.byPopulation(scenario.resolvedCounties(regions).stream().distinct().toList());
        double total = counties.stream().mapToDouble(geography::population).sum();
        counties.forEach(c -> share.put(c, geography.population(c) / total));
        this.wastewaterSites = planWastewaterSites();
        this.syringeSites = planSyringeSites();
        this.groundTruth = inject();
    }

    public Scenario scenario() {
        return scenario;
    }

    public GroundTruth groundTruth() {
        return groundTruth;
    }

    /** Every signal, day by day in arrival order, generated lazily (a long scenario need not fit in memory). */
    public Stream<GeneratedSignal> stream() {
        return IntStream.range(0, scenario.days()).boxed().flatMap(day -> arrivingOn(day).stream());
    }

    /** Every signal in arrival order, as a list. */
    public List<GeneratedSignal> all() {
        return stream().toList();
    }

    /** The signals that arrive on day {@code index} (0 = the start), grouped by source type, background first. */
    public List<GeneratedSignal> arrivingOn(int index) {
        var date = scenario.start().plusDays(index);
        var byType = new EnumMap<SourceType, List<GeneratedSignal>>(SourceType.class);
        for (SourceType t : SourceType.values()) {
            byType.put(t, new ArrayList<>());
        }
        var sampleDay = date.minusDays(WASTEWATER_DELAY_DAYS);
        if (!sampleDay.isBefore(scenario.start())) {
            wastewaterSites.forEach(site -> add(byType, date, wastewater(site, sampleDay)));
        }
        for (String county : counties) {
            drugChecking(county, date).forEach(p -> add(byType, date, p));
            seizures(county, date).forEach(p -> add(byType, date, p));
            patientEvents(county, date, index == 0 && historyCounties.contains(county)).forEach(p -> add(byType, date, p));
        }
        var collected = date.minusDays(SYRINGE_DELAY_DAYS);
        if (!collected.isBefore(scenario.start())) {
            syringeSites.stream().filter(s -> s.weekday() == collected.getDayOfWeek())
                    .forEach(site -> add(byType, date, syringes(site, collected)));
        }
        for (var signal : injected.getOrDefault(index, List.of())) {
            byType.get(signal.sourceType()).add(signal);
        }
        var out = new ArrayList<GeneratedSignal>();
        byType.values().forEach(out::addAll);
        return out;
    }

    private static void add(Map<SourceType, List<GeneratedSignal>> byType, LocalDate arrival, SignalPayload payload) {
        byType.get(payload.sourceType()).add(signal(arrival, payload));
    }

    private static GeneratedSignal signal(LocalDate arrival, SignalPayload payload) {
        return new GeneratedSignal(payload.sourceType(), payload.sourceType().path(), arrival, payload);
    }

    private String id(String type, String where, LocalDate day, int n) {
        return scenario.idPrefix() + "-" + type + "-" + where + "-" + COMPACT.format(day) + "-" + n;
    }

    private SplittableRandom random(String stream, String where, LocalDate day) {
        return Randoms.of(scenario.seed(), stream, where, day.toEpochDay());
    }

    private double perDay(double share, String county) {
        return scenario.scale() * share * this.share.get(county);
    }

    private String municipality(SplittableRandom random, String county) {
        var all = geography.municipalities(county);
        return all.size() == 1 || chance(random, 0.6) ? all.get(0) : all.get(1 + random.nextInt(all.size() - 1));
    }

    // ------------------------------------------------------------------ wastewater

    private record WastewaterSite(String siteId, String county, String region, long population, double flowLitresPerPerson,
                                  Map<String, Double> loads) {
    }

    private List<WastewaterSite> planWastewaterSites() {
        int n = Math.max(counties.size(), (int) Math.round(scenario.scale() * SHARE_WASTEWATER));
        var out = new ArrayList<WastewaterSite>();
        var perCounty = new HashMap<String, Integer>();
        for (String county : allocate(n)) {
            int k = perCounty.merge(county, 1, Integer::sum);
            var municipalities = geography.municipalities(county);
            String region = municipalities.get((k - 1) % municipalities.size());
            var random = random("ww-site", county + "#" + k, LocalDate.EPOCH);
            boolean main = k == 1;
            long population = main ? Math.round(geography.population(county) * 1000 * between(random, 0.25, 0.55))
                    : Math.round(between(random, 8_000, 60_000));
            var loads = new LinkedHashMap<String, Double>();
            double urban = main ? 1.0 : 0.7;
            loads.put("cocaine", between(random, 150, 600) * urban);
            loads.put("amphetamine", between(random, 50, 200));
            loads.put("mdma", between(random, 8, 40) * urban);
            loads.put("methamphetamine", chance(random, 0.7) ? between(random, 5, 40) : 0.0);
            out.add(new WastewaterSite("WW-" + region + "-" + k, county, region, population, between(random, 250, 380), loads));
        }
        return out;
    }

    private WastewaterResult wastewater(WastewaterSite site, LocalDate day) {
        var random = random("ww", site.siteId(), day);
        boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
        double flow = site.flowLitresPerPerson() * noise(random, 0.08);
        var measurements = new ArrayList<Measurement>();
        for (var entry : WASTEWATER_MARKERS.entrySet()) {
            String substance = entry.getKey();
            double base = site.loads().get(substance);
            double load = base * weekly(substance, weekend) * noise(random, 0.12)
                    * wastewaterFactors.getOrDefault(site.siteId() + "|" + day + "|" + substance, 1.0);
            if (base == 0) {
                measurements.add(new Measurement(entry.getValue(), round1(between(random, 0, 4)), null, true));
            } else {
                measurements.add(new Measurement(entry.getValue(), round1(load * 1000 / flow), round1(load), false));
            }
        }
        var start = day.atTime(8, 0).atZone(ObservedAt.ZONE);
        return new WastewaterResult(scenario.idPrefix() + "-" + site.siteId() + "-" + COMPACT.format(day), site.region(),
                day.toString(), null, site.siteId(), site.population(), start.toInstant().toString(),
                start.plusDays(1).toInstant().toString(), measurements);
    }

    private static double weekly(String substance, boolean weekend) {
        if (!weekend) {
            return 1.0;
        }
        return switch (substance) {
            case "cocaine" -> 1.3;
            case "mdma" -> 1.7;
            default -> 1.0;
        };
    }

    // ------------------------------------------------------------------ drug checking

    /** Drug-checking opening: busier on weekdays. */
    private static double weeklyDrugChecking(DayOfWeek day) {
        return switch (day) {
            case SATURDAY -> 0.7;
            case SUNDAY -> 0.5;
            case THURSDAY, FRIDAY -> 1.2;
            default -> 1.1;
        };
    }

    private List<DrugCheckingResult> drugChecking(String county, LocalDate day) {
        var random = random("dc", county, day);
        int n = poisson(random, perDay(SHARE_DRUG_CHECKING, county) * weeklyDrugChecking(day.getDayOfWeek()));
        var out = new ArrayList<DrugCheckingResult>(n);
        for (int i = 1; i <= n; i++) {
            String region = municipality(random, county);
            Method method = chance(random, 0.6) ? Method.FTIR : chance(random, 0.5) ? Method.GC_MS : Method.LC_MS;
            boolean confirmed = method != Method.FTIR;
            String id = id("DC", county, day, i);
            var components = new ArrayList<Component>();
            Form form;
            String soldAs;
            switch (Randoms.weighted(random, new double[]{3, 1, 3, 2, 1, 0.7, 0.4, 0.5, 0.4})) {
                case 0 -> {
                    form = Form.TABLET;
                    soldAs = "ecstasy";
                    components.add(new Component("MDMA", round1(between(random, 80, 190)), null));
                    if (chance(random, 0.2)) {
                        components.add(new Component("caffeine", round1(between(random, 5, 25)), null));
                    }
                }
                case 1 -> {
                    form = Form.CRYSTAL;
                    soldAs = "MDMA";
                    components.add(new Component("MDMA", null, round1(between(random, 60, 79))));
                }
                case 2 -> {
                    form = Form.POWDER;
                    soldAs = "kokain";
                    components.add(new Component("cocaine", null, round1(between(random, 35, 84))));
                    if (chance(random, 0.3)) {
                        components.add(new Component("levamisole", null, round1(between(random, 1, 8))));
                    }
                    if (chance(random, 0.15)) {
                        components.add(new Component("lidocaine", null, round1(between(random, 2, 12))));
                    }
                    if (chance(random, 0.1)) {
                        components.add(new Component("phenacetin", null, round1(between(random, 2, 15))));
                    }
                }
                case 3 -> {
                    form = Form.POWDER;
                    soldAs = "speed";
                    components.add(new Component(chance(random, 0.5) ? "amphetamine" : "amfetamin", null, round1(between(random, 8, 45))));
                    components.add(new Component("caffeine", null, round1(between(random, 10, 40))));
                }
                case 4 -> {
                    form = chance(random, 0.5) ? Form.CRYSTAL : Form.POWDER;
                    soldAs = "ketamine";
                    components.add(new Component("ketamine", null, round1(between(random, 60, 96))));
                }
                case 5 -> {
                    form = Form.POWDER;
                    soldAs = "heroin";
                    components.add(new Component("heroin", null, round1(between(random, 15, 55))));
                    components.add(new Component("caffeine", null, round1(between(random, 5, 30))));
                    if (chance(random, 0.6)) {
                        components.add(new Component("paracetamol", null, round1(between(random, 10, 40))));
                    }
                }
                case 6 -> {
                    form = Form.BLOTTER;
                    soldAs = "LSD";
                    components.add(new Component("LSD", round2(between(random, 0.04, 0.15)), null));
                }
                case 7 -> {
                    form = Form.PLANT;
                    soldAs = "cannabis";
                    components.add(new Component("cannabis", null, null));
                }
                default -> {
                    form = Form.TABLET;
                    soldAs = "Xanax";
                    components.add(new Component("alprazolam", round1(between(random, 0.5, 1.9)), null));
                }
            }
            out.add(new DrugCheckingResult(id, region, day.toString(), null, form, soldAs, method, confirmed, components));
        }
        return out;
    }

    // ------------------------------------------------------------------ seizures

    private static double weeklySeizures(DayOfWeek day) {
        return switch (day) {
            case FRIDAY, SATURDAY -> 1.2;
            case SUNDAY -> 0.7;
            default -> 1.0;
        };
    }

    private List<SeizureReport> seizures(String county, LocalDate day) {
        var random = random("sz", county, day);
        int n = poisson(random, perDay(SHARE_SEIZURE, county) * weeklySeizures(day.getDayOfWeek()));
        var out = new ArrayList<SeizureReport>(n);
        for (int i = 1; i <= n; i++) {
            double a = random.nextDouble();
            Agency agency = a < 0.85 ? Agency.POLICE : a < 0.97 ? Agency.CUSTOMS : Agency.CORRECTIONS;
            String region = agency == Agency.CUSTOMS ? geography.main(county) : municipality(random, county);
            var items = new ArrayList<Item>();
            int itemCount = chance(random, 0.25) ? 2 : 1;
            for (int k = 0; k < itemCount; k++) {
                items.add(switch (Randoms.weighted(random, new double[]{3, 3, 3, 2, 1, 1, 1, 0.5})) {
                    case 0 -> new Item("cocaine", round1(between(random, 1, 500)), Unit.G, round1(between(random, 30, 84)), Form.POWDER);
                    case 1 -> new Item("amphetamine", round1(between(random, 10, 2000)), Unit.G, round1(between(random, 8, 45)), Form.POWDER);
                    case 2 -> chance(random, 0.7) ? new Item("hasj", round1(between(random, 5, 900)), Unit.G, null, Form.OTHER)
                            : new Item("cannabis", round1(between(random, 0.2, 8)), Unit.KG, null, Form.PLANT);
                    case 3 -> new Item("MDMA", (double) (10 + random.nextInt(1990)), Unit.TABLETS, null, Form.TABLET);
                    case 4 -> new Item("heroin", round1(between(random, 1, 200)), Unit.G, round1(between(random, 10, 55)), Form.POWDER);
                    case 5 -> new Item("methamphetamine", round1(between(random, 1, 300)), Unit.G, round1(between(random, 40, 84)), Form.CRYSTAL);
                    case 6 -> new Item(chance(random, 0.5) ? "diazepam" : "alprazolam", (double) (20 + random.nextInt(4980)), Unit.TABLETS,
                            null, Form.TABLET);
                    default -> new Item("GHB", round1(between(random, 100, 2000)), Unit.ML, null, Form.LIQUID);
                });
            }
            out.add(new SeizureReport(id("SZ", county, day, i), region, day.toString(), null, agency, items));
        }
        return out;
    }

    // ------------------------------------------------------------------ patient events

    /** Overdoses: more from Friday to Sunday. */
    static double weeklyOverdoses(DayOfWeek day) {
        return switch (day) {
            case FRIDAY, SUNDAY -> 1.1;
            case SATURDAY -> 1.25;
            case TUESDAY, WEDNESDAY -> 0.9;
            default -> 0.95;
        };
    }

    private record Category(EventType type, Setting setting) {
    }

    private static final List<Category> CATEGORIES = List.of(
            new Category(EventType.OVERDOSE_NONFATAL, Setting.AMBULANCE),
            new Category(EventType.OVERDOSE_NONFATAL, Setting.EMERGENCY_DEPARTMENT),
            new Category(EventType.NALOXONE_ADMINISTERED, Setting.LOW_THRESHOLD_SERVICE),
            new Category(EventType.OVERDOSE_FATAL, Setting.FORENSIC));
    private static final double[] CATEGORY_WEIGHTS = {0.55, 0.2, 0.2, 0.05};
    private static final List<String> SUSPECTED = List.of("heroin", "heroin", "heroin", "methadone", "GHB", "GHB", "oxycodone",
            "cocaine", "amphetamine", "clonazepam");
    private static final List<String> AGE_BANDS = List.of("15-19", "20-29", "30-39", "40-49", "50-59", "60+");

    private List<PatientEvent> patientEvents(String county, LocalDate day, boolean atLeastOne) {
        var random = random("pe", county, day);
        double rate = scenario.overdosesPerDay() * share.get(county) * weeklyOverdoses(day.getDayOfWeek());
        int overdoses = Math.max(atLeastOne ? 1 : 0, poisson(random, rate));
        var groups = new LinkedHashMap<String, Integer>();
        for (int i = 0; i < overdoses; i++) {
            int category = Randoms.weighted(random, CATEGORY_WEIGHTS);
            groups.merge(municipality(random, county) + "|" + category, 1, Integer::sum);
        }
        var out = new ArrayList<PatientEvent>();
        int n = 0;
        for (var group : groups.entrySet()) {
            var parts = group.getKey().split("\\|");
            var category = CATEGORIES.get(Integer.parseInt(parts[1]));
            int count = group.getValue();
            var suspected = List.of(pick(random, SUSPECTED));
            List<String> confirmed = category.setting() == Setting.FORENSIC ? List.of(suspected.get(0)) : null;
            String ageBand = count == 1 && chance(random, 0.5) ? pick(random, AGE_BANDS) : null;
            PatientEvent.Sex sex = ageBand != null ? (chance(random, 0.7) ? PatientEvent.Sex.MALE : PatientEvent.Sex.FEMALE) : null;
            out.add(new PatientEvent(id("PE", county, day, ++n), parts[0], day.toString(), null, category.type(), category.setting(),
                    count, ageBand, sex, suspected, confirmed));
        }
        // poison-centre enquiries: not overdoses for the spike rule; they carry the rest of the patient-event share
        double enquiries = Math.max(0, scenario.scale() * SHARE_PATIENT_EVENT - scenario.overdosesPerDay() * 0.8) * share.get(county);
        int m = poisson(random, enquiries);
        for (int i = 0; i < m; i++) {
            out.add(new PatientEvent(id("PE", county, day, ++n), county, day.toString(), null, EventType.POISONING_ENQUIRY,
                    Setting.POISON_CENTRE, 1 + (chance(random, 0.2) ? 1 : 0), null, null,
                    List.of(pick(random, List.of("GHB", "cannabis", "MDMA", "cocaine", "amphetamine", "zopiclone", "ketamine"))), null));
        }
        return out;
    }

    // ------------------------------------------------------------------ syringes

    private record SyringeSite(String siteId, String county, String region, DayOfWeek weekday) {
    }

    private List<SyringeSite> planSyringeSites() {
        int n = Math.max(counties.size(), (int) Math.round(scenario.scale() * SHARE_SYRINGE * 7));
        var out = new ArrayList<SyringeSite>();
        var perCounty = new HashMap<String, Integer>();
        int i = 0;
        for (String county : allocate(n)) {
            int k = perCounty.merge(county, 1, Integer::sum);
            var municipalities = geography.municipalities(county);
            String region = municipalities.get((k - 1) % municipalities.size());
            out.add(new SyringeSite("SY-" + region + "-" + k, county, region, DayOfWeek.of(1 + (i++ % 7))));
        }
        return out;
    }

    private SyringeResult syringes(SyringeSite site, LocalDate collected) {
        var random = random("sy", site.siteId(), collected);
        int count = 30 + random.nextInt(121);
        var detected = new ArrayList<Detected>();
        detected.add(new Detected("heroin", (int) (count * between(random, 0.25, 0.5))));
        detected.add(new Detected("amphetamine", (int) (count * between(random, 0.2, 0.45))));
        detected.add(new Detected("methamphetamine", (int) (count * between(random, 0.05, 0.2))));
        detected.add(new Detected("cocaine", (int) (count * between(random, 0.03, 0.15))));
        detected.add(new Detected("buprenorphine", (int) (count * between(random, 0.02, 0.08))));
        detected.add(new Detected("methadone", (int) (count * between(random, 0.02, 0.08))));
        return new SyringeResult(scenario.idPrefix() + "-" + site.siteId() + "-" + COMPACT.format(collected), site.region(),
                collected.toString(), null, site.siteId(), count, detected);
    }

    /**
     * {@code n} sites over the counties: one each (largest first), the rest in proportion to population (largest
     * remainder), each county's sites listed together.
     */
    private List<String> allocate(int n) {
        var counts = new LinkedHashMap<String, Integer>();
        counties.forEach(c -> counts.put(c, 1));
        int rest = n - counties.size();
        var remainders = new ArrayList<Map.Entry<String, Double>>();
        int given = 0;
        for (String c : counties) {
            double exact = rest * share.get(c);
            int whole = (int) Math.floor(exact);
            counts.merge(c, whole, Integer::sum);
            given += whole;
            remainders.add(Map.entry(c, exact - whole));
        }
        remainders.sort(Map.Entry.<String, Double>comparingByValue().reversed());
        for (int i = 0; i < rest - given; i++) {
            counts.merge(remainders.get(i % remainders.size()).getKey(), 1, Integer::sum);
        }
        var out = new ArrayList<String>();
        counts.forEach((c, k) -> {
            for (int i = 0; i < k; i++) {
                out.add(c);
            }
        });
        return out;
    }

    // ------------------------------------------------------------------ injected events

    private List<String> substanceProblems(Injection injection) {
        var what = injection.kind().cliName() + " in " + injection.county() + " on day " + injection.day();
        var problems = new ArrayList<String>();
        var substance = substances.match(injection.substanceOrDefault()).substance();
        if (substance.isEmpty()) {
            problems.add(what + ": substance '" + injection.substanceOrDefault() + "' is not in the substance catalogue");
            return problems;
        }
        var s = substance.get();
        switch (injection.kind()) {
            case NITAZENE_APPEARING, POTENT_OPIOID_SEIZURE -> {
                if (!s.hazard().watched()) {
                    problems.add(what + ": " + s.id() + " is not on the watchlist (hazard " + s.hazard() + "); pick a HIGH or CRITICAL one");
                }
            }
            case MISSOLD_BATCH -> {
                var soldAs = substances.match(injection.soldAsOrDefault()).substance();
                if (soldAs.isEmpty() || soldAs.get().id().equals(s.id())) {
                    problems.add(what + ": sold as '" + injection.soldAsOrDefault() + "' must be another substance of the catalogue");
                }
                if (s.hazard().compareTo(Hazard.MODERATE) < 0 || s.substanceClass() == SubstanceClass.OTHER) {
                    problems.add(what + ": " + s.id() + " is not psychoactive enough to make a sample mis-sold");
                }
            }
            case WASTEWATER_RISE -> {
                if (!WASTEWATER_MARKERS.containsKey(s.id())) {
                    problems.add(what + ": wastewater sites measure only " + String.join(", ", WASTEWATER_MARKERS.keySet()));
                }
            }
            case HIGH_POTENCY_TABLET -> {
                if (s.thresholds() == null || s.thresholds().amountMgPerUnit() == null) {
                    problems.add(what + ": " + s.id() + " has no per-tablet potency threshold in the catalogue");
                }
            }
            default -> {
            }
        }
        return problems;
    }

    private GroundTruth inject() {
        var events = new ArrayList<GroundTruth.Event>();
        var injectedCounties = new HashSet<String>();
        int index = 0;
        for (var injection : scenario.injections()) {
            events.add(inject(index++, injection));
            injectedCounties.add(injection.county());
        }
        var quiet = counties.stream().filter(c -> !injectedCounties.contains(c)).sorted().toList();
        return new GroundTruth(scenario.seed(), scenario.start().toString(), scenario.days(), scenario.scale(), scenario.idPrefix(),
                counties.stream().sorted().toList(), quiet, List.copyOf(events));
    }

    private GroundTruth.Event inject(int index, Injection injection) {
        var s = substances.match(injection.substanceOrDefault()).substance().orElseThrow();
        var county = injection.county();
        var region = injection.region() != null ? injection.region() : geography.main(county);
        var day = injection.day();
        var date = scenario.start().plusDays(day);
        var prefix = scenario.idPrefix() + "-INJ" + index + "-";
        var random = random("inj" + index, county, date);
        var expected = new ArrayList<GroundTruth.Expected>();
        var signals = new ArrayList<GeneratedSignal>();
        Severity hazardSeverity = severityOf(s.hazard());
        switch (injection.kind()) {
            case NITAZENE_APPEARING -> {
                var soldAs = injection.soldAsOrDefault();
                var soldAsId = substances.match(soldAs).substance().map(Substance::id).orElse("");
                boolean powder = List.of("heroin", "cocaine", "amphetamine", "methamphetamine", "ketamine").contains(soldAsId);
                var components = powder
                        ? List.of(new Component(soldAs, null, round1(between(random, 15, 40))), new Component(s.name(), null, 2.5),
                        new Component("caffeine", null, 20.0))
                        : List.of(new Component(s.name(), 1.2, null), new Component("microcrystalline cellulose", null, null));
                signals.add(at(day, new DrugCheckingResult(prefix + "DC-1", region, date.toString(),
                        "Bought as " + soldAs + "; lab-confirmed " + s.name(), powder ? Form.POWDER : Form.TABLET, soldAs,
                        Method.LC_MS, true, components)));
                signals.add(at(day + 2, new SyringeResult(prefix + "SY-1", region, date.plusDays(2).toString(),
                        "Extra analysis after the drug-checking warning", syringeSite(county), 40,
                        List.of(new Detected("heroin", 15), new Detected(spelling(s), 3), new Detected("amphetamine", 9)))));
                signals.add(at(day + 3, new PatientEvent(prefix + "PE-1", region, date.plusDays(3).toString(), null,
                        EventType.OVERDOSE_NONFATAL, Setting.EMERGENCY_DEPARTMENT, 2, null, null, List.of("heroin"), List.of(s.name()))));
                expected.add(new GroundTruth.Expected(Rule.WATCHLIST_SUBSTANCE, hazardSeverity));
                if (!soldAsId.isEmpty() && !soldAsId.equals(s.id())) {
                    expected.add(new GroundTruth.Expected(Rule.MISSOLD_SAMPLE, hazardSeverity));
                }
                expected.add(new GroundTruth.Expected(Rule.CROSS_SOURCE_CLUSTER, Severity.CRITICAL));
            }
            case MISSOLD_BATCH -> {
                var soldAs = injection.soldAsOrDefault();
                int[] offsets = {0, 1, 3};
                for (int k = 0; k < offsets.length; k++) {
                    boolean confirmed = k != 1;
                    var amount = round1(between(random, 0.8, 2.5));
                    signals.add(at(day + offsets[k], new DrugCheckingResult(prefix + "DC-" + (k + 1), k == 2 ? otherMunicipality(county, region) : region,
                            date.plusDays(offsets[k]).toString(), k == 0 ? "Sold as " + soldAs : null, Form.TABLET, soldAs,
                            confirmed ? Method.GC_MS : Method.FTIR, confirmed, List.of(new Component(s.name(), amount, null)))));
                }
                signals.add(at(day + 2, new SeizureReport(prefix + "SZ-1", region, date.plusDays(2).toString(),
                        "Tablets with the same imprint", Agency.POLICE,
                        List.of(new Item(s.name(), (double) (150 + random.nextInt(450)), Unit.TABLETS, null, Form.TABLET)))));
                expected.add(new GroundTruth.Expected(Rule.MISSOLD_SAMPLE, hazardSeverity));
                if (s.hazard().watched()) {
                    expected.add(new GroundTruth.Expected(Rule.WATCHLIST_SUBSTANCE, hazardSeverity));
                    expected.add(new GroundTruth.Expected(Rule.CROSS_SOURCE_CLUSTER, Severity.CRITICAL));
                }
            }
            case OVERDOSE_CLUSTER -> {
                historyCounties.add(county);
                double usual = scenario.overdosesPerDay() * share.get(county);
                int first = (int) Math.ceil(3 * usual + 8);
                int second = (int) Math.ceil(2 * usual + 6);
                int ed = Math.max(2, first * 3 / 10);
                signals.add(at(day, new PatientEvent(prefix + "PE-1", region, date.toString(), null, EventType.OVERDOSE_NONFATAL,
                        Setting.AMBULANCE, first - ed - 1, null, null, List.of("heroin"), null)));
                signals.add(at(day, new PatientEvent(prefix + "PE-2", region, date.toString(), null, EventType.OVERDOSE_NONFATAL,
                        Setting.EMERGENCY_DEPARTMENT, ed, null, null, List.of("heroin"), List.of(s.name()))));
                signals.add(at(day, new PatientEvent(prefix + "PE-3", region, date.toString(), null, EventType.OVERDOSE_FATAL,
                        Setting.FORENSIC, 1, null, null, List.of("heroin"), List.of(s.name()))));
                signals.add(at(day + 1, new PatientEvent(prefix + "PE-4", region, date.plusDays(1).toString(), null,
                        EventType.OVERDOSE_NONFATAL, Setting.AMBULANCE, second - 2, null, null, List.of("heroin"), null)));
                signals.add(at(day + 1, new PatientEvent(prefix + "PE-5", region, date.plusDays(1).toString(), null,
                        EventType.NALOXONE_ADMINISTERED, Setting.LOW_THRESHOLD_SERVICE, 2, null, null, List.of("heroin"), null)));
                signals.add(at(day + 1, new SyringeResult(prefix + "SY-1", region, date.plusDays(1).toString(),
                        "Extra analysis after the overdose cluster", syringeSite(county), 60,
                        List.of(new Detected("heroin", 22), new Detected(s.name(), 4), new Detected("amphetamine", 15)))));
                expected.add(new GroundTruth.Expected(Rule.OVERDOSE_SPIKE, Severity.HIGH));
                if (s.hazard().watched()) {
                    expected.add(new GroundTruth.Expected(Rule.WATCHLIST_SUBSTANCE, hazardSeverity));
                    expected.add(new GroundTruth.Expected(Rule.CROSS_SOURCE_CLUSTER, Severity.CRITICAL));
                }
            }
            case WASTEWATER_RISE -> {
                var site = wastewaterSites.stream().filter(w -> w.county().equals(county)).findFirst().orElseThrow();
                region = site.region();
                wastewaterFactors.put(site.siteId() + "|" + date + "|" + s.id(), 3.0);
                var sample = wastewater(site, date);
                // not added: the background sends this sample (with the raised load) when it arrives
                signals.add(new GeneratedSignal(SourceType.WASTEWATER, SourceType.WASTEWATER.path(),
                        date.plusDays(WASTEWATER_DELAY_DAYS), sample));
                expected.add(new GroundTruth.Expected(Rule.WASTEWATER_RISE, s.hazard() == Hazard.CRITICAL ? Severity.CRITICAL
                        : s.hazard() == Hazard.HIGH ? Severity.HIGH : Severity.MODERATE));
            }
            case POTENT_OPIOID_SEIZURE -> {
                signals.add(at(day, new SeizureReport(prefix + "SZ-1", region, date.toString(), "Postal consignment declared as 'hair dye'",
                        Agency.CUSTOMS, List.of(new Item(s.name(), 4.5, Unit.G, 12.0, Form.POWDER)))));
                expected.add(new GroundTruth.Expected(Rule.WATCHLIST_SUBSTANCE, hazardSeverity));
            }
            case HIGH_POTENCY_TABLET -> {
                double amount = Math.round(1.4 * s.thresholds().amountMgPerUnit() * 10) / 10.0;
                var soldAs = injection.soldAs() != null ? injection.soldAs() : s.name();
                signals.add(at(day, new DrugCheckingResult(prefix + "DC-1", region, date.toString(), "Unusually strong tablet",
                        Form.TABLET, soldAs, Method.GC_MS, true, List.of(new Component(s.name(), amount, null)))));
                expected.add(new GroundTruth.Expected(Rule.HIGH_POTENCY, Severity.HIGH));
            }
        }
        if (injection.kind() != Injection.Kind.WASTEWATER_RISE) {
            for (var signal : signals) {
                injected.computeIfAbsent((int) (signal.arrivalDay().toEpochDay() - scenario.start().toEpochDay()), k -> new ArrayList<>())
                        .add(signal);
            }
        }
        var first = signals.stream().min(Comparator.comparing(g -> ObservedAt.parse(g.payload().observedAt()))).orElseThrow();
        var firstSent = signals.stream().map(GeneratedSignal::arrivalDay).min(Comparator.naturalOrder()).orElseThrow();
        var severity = expected.stream().map(GroundTruth.Expected::minSeverity).reduce(Severity.INFO, Severity::max);
        return new GroundTruth.Event(index, injection.kind().name(), county, region, s.id(), s.substanceClass().name(),
                ObservedAt.parse(first.payload().observedAt()).toString(), firstSent.toString(), severity, List.copyOf(expected),
                signals.stream().map(g -> new GroundTruth.SignalRef(g.sourceType().path(), g.externalId(), g.payload().observedAt())).toList());
    }

    private GeneratedSignal at(int day, SignalPayload payload) {
        return signal(scenario.start().plusDays(day), payload);
    }

    private String syringeSite(String county) {
        return syringeSites.stream().filter(s -> s.county().equals(county)).findFirst().map(SyringeSite::siteId).orElse("SY-" + county);
    }

    private String otherMunicipality(String county, String region) {
        return geography.municipalities(county).stream().filter(m -> !m.equals(region)).findFirst().orElse(region);
    }

    /** A Norwegian spelling of the substance where the catalogue has one (labs write both), else its name. */
    private static String spelling(Substance s) {
        return s.synonyms().stream().filter(n -> n.equalsIgnoreCase(s.name().replaceAll("e$", ""))).findFirst().orElse(s.name());
    }

    private static Severity severityOf(Hazard hazard) {
        return switch (hazard) {
            case CRITICAL -> Severity.CRITICAL;
            case HIGH -> Severity.HIGH;
            case MODERATE -> Severity.MODERATE;
            case LOW -> Severity.LOW;
        };
    }

    private static Map<String, String> orderedMap(String... keyValues) {
        var map = new LinkedHashMap<String, String>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
