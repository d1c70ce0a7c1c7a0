package no.rusvarsel.analytics.replay;

import no.rusvarsel.analytics.TopologyFixture;
import no.rusvarsel.contracts.catalogue.RegionCatalogue;
import no.rusvarsel.contracts.signal.DrugCheckingResult;
import no.rusvarsel.contracts.signal.PatientEvent;
import no.rusvarsel.contracts.signal.SeizureReport;
import no.rusvarsel.contracts.signal.SignalEnvelope;
import no.rusvarsel.contracts.signal.SignalPayload;
import no.rusvarsel.contracts.signal.SyringeResult;
import no.rusvarsel.contracts.signal.WastewaterResult;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A seeded, generated history of signals for every county, in the order ingest would have written them: day by day,
 * each county's seizures, drug-checking samples, patient events and syringe results of the day; wastewater results three
 * days after their sampling day (late, within the grace); 2 % of drug-checking samples corrected the next day; 1 % of
 * records delivered twice; and a few laboratory results 40 days late (beyond the grace).
 */
final class ReplaySignals {

    /** What was generated, for the accounting. */
    record Emitted(SignalEnvelope envelope, boolean beyondGrace) {
    }

    private static final List<String> COMMON = List.of("cocaine", "amphetamine", "MDMA", "heroin", "cannabis", "ketamine",
            "methamphetamine", "alprazolam", "GHB", "buprenorphine");
    private static final List<String> WATCHED = List.of("isotonitazene", "metonitazene", "carfentanil", "xylazine", "fentanyl",
            "protonitazene", "bromazolam");
    private static final List<String> MARKERS = List.of("benzoylecgonine", "amphetamine", "MDMA", "methamphetamine", "THC-COOH");

    private final Random random;
    private final LocalDate firstDay;
    private final int days;
    private final int perCountyDay;
    private final List<String> counties;
    private final RegionCatalogue regions = RegionCatalogue.defaultCatalogue();

    ReplaySignals(long seed, LocalDate firstDay, int days, int perCountyDay) {
        this.random = new Random(seed);
        this.firstDay = firstDay;
        this.days = days;
        this.perCountyDay = perCountyDay;
        this.counties = regions.counties().stream().map(r -> r.code()).toList();
    }

    void forEach(Consumer<Emitted> out) {
        var pendingWastewater = new ArrayList<List<SignalEnvelope>>();
        var pendingCorrections = new ArrayList<SignalEnvelope>();
        for (int d = 0; d < days + 3; d++) {
            var day = firstDay.plusDays(d);
            var corrections = new ArrayList<>(pendingCorrections);
            pendingCorrections.clear();
            corrections.forEach(c -> out.accept(new Emitted(c, false)));
            if (d >= 3) {
                pendingWastewater.get(d - 3).forEach(w -> out.accept(new Emitted(w, false)));
            }
            var wastewater = new ArrayList<SignalEnvelope>();
            pendingWastewater.add(wastewater);
            if (d >= days) {
                continue;
            }
            for (var county : counties) {
                var municipalities = regions.municipalitiesIn(county);
                for (int i = 0; i < perCountyDay; i++) {
                    var region = municipalities.isEmpty() || random.nextInt(10) == 0 ? county
                            : municipalities.get(random.nextInt(Math.min(municipalities.size(), 8))).code();
                    var id = county + "-" + d + "-" + i;
                    int kind = random.nextInt(100);
                    SignalEnvelope envelope;
                    if (kind < 45) {
                        envelope = envelope("police", new SeizureReport("SZ-" + id, region, day.toString(), null,
                                SeizureReport.Agency.POLICE, List.of(new SeizureReport.Item(substance(3), 1 + random.nextInt(500) / 10.0,
                                SeizureReport.Unit.G, null, null))), 1);
                    } else if (kind < 70) {
                        envelope = sample(id, region, day, 1);
                        if (random.nextInt(50) == 0) {
                            pendingCorrections.add(sample(id, region, day, 2));
                        }
                    } else if (kind < 85) {
                        envelope = envelope("amk", new PatientEvent("PE-" + id, region, day.toString(), null,
                                random.nextInt(20) == 0 ? PatientEvent.EventType.OVERDOSE_FATAL : PatientEvent.EventType.OVERDOSE_NONFATAL,
                                PatientEvent.Setting.AMBULANCE, 1 + random.nextInt(3), null, null,
                                random.nextBoolean() ? List.of() : List.of(substance(2)), List.of()), 1);
                    } else if (kind < 90) {
                        envelope = envelope("syringes", new SyringeResult("SY-" + id, region, day.toString(), null, "SITE-" + county,
                                80, List.of(new SyringeResult.Detected(substance(2), 1 + random.nextInt(30)),
                                new SyringeResult.Detected(substance(0), random.nextInt(30)))), 1);
                    } else {
                        var marker = MARKERS.get(random.nextInt(MARKERS.size()));
                        double load = 100 + random.nextInt(400);
                        wastewater.add(envelope("ww-lab", new WastewaterResult("WW-" + id, region, day.toString(), null,
                                "WWTP-" + county + "-" + random.nextInt(4), 100_000L, day.toString(), day.plusDays(1).toString(),
                                List.of(new WastewaterResult.Measurement(marker, load * 2, load, false))), 1));
                        continue;
                    }
                    out.accept(new Emitted(envelope, false));
                    if (random.nextInt(100) == 0) {
                        out.accept(new Emitted(envelope, false)); // delivered twice
                    }
                }
                if (d >= 40 && random.nextInt(20) == 0) {
                    // a laboratory result for a sample taken 40 days ago: beyond the grace
                    var late = sample("LATE-" + county + "-" + d, county, day.minusDays(40), 1);
                    out.accept(new Emitted(late, true));
                }
            }
        }
    }

    private SignalEnvelope sample(String id, String region, LocalDate day, int version) {
        var components = new ArrayList<DrugCheckingResult.Component>();
        components.add(new DrugCheckingResult.Component(substance(version == 1 ? 4 : 0), 10.0 + random.nextInt(200), null));
        if (random.nextInt(3) == 0) {
            components.add(new DrugCheckingResult.Component("caffeine", null, null));
        }
        return envelope("lab", new DrugCheckingResult("DC-" + id, region, day.toString(), null, DrugCheckingResult.Form.POWDER,
                COMMON.get(random.nextInt(3)), DrugCheckingResult.Method.FTIR, random.nextBoolean(), components), version);
    }

    /** A common substance, or with {@code watchedPercent} % a watched one. */
    private String substance(int watchedPercent) {
        return random.nextInt(100) < watchedPercent ? WATCHED.get(random.nextInt(WATCHED.size())) : COMMON.get(random.nextInt(COMMON.size()));
    }

    private static SignalEnvelope envelope(String provider, SignalPayload payload, int version) {
        return TopologyFixture.envelope(provider, payload, version);
    }
}
