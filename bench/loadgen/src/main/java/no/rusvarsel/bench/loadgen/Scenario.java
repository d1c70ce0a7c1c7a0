package no.rusvarsel.bench.loadgen;

import no.rusvarsel.contracts.catalogue.Region;
import no.rusvarsel.contracts.catalogue.RegionCatalogue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * What to generate: {@code days} days from {@code start} for {@code counties}, about {@code scale} signals a day, and the
 * injected events. Everything random comes from {@code seed} (per day, county and source), so the same scenario is the
 * same data, and two scenarios that share days share those days' background.
 *
 * @param start           first day (event time, Norwegian dates)
 * @param days            how many days
 * @param counties        county numbers; empty means every county of the catalogue
 * @param scale           target signals per day over all counties and source types (approximate; see {@link LoadGenerator})
 * @param seed            the random seed
 * @param injections      injected events
 * @param idPrefix        prefix of every external id; a different prefix gives new records, the same one duplicates
 *                        (or corrections, if another seed changed the content)
 * @param overdosesPerDay the whole country's ordinary overdoses (patient events counted by OVERDOSE_SPIKE) per day,
 *                        independent of {@code scale} so that aberration detection sees realistic counts at any load
 */
public record Scenario(LocalDate start, int days, List<String> counties, int scale, long seed, List<Injection> injections,
                       String idPrefix, double overdosesPerDay) {

    public static final int DEFAULT_SCALE = 1000;
    public static final long DEFAULT_SEED = 20_250_301L;
    public static final String DEFAULT_ID_PREFIX = "LG";
    public static final double DEFAULT_OVERDOSES_PER_DAY = 25;

    public Scenario {
        Objects.requireNonNull(start, "start");
        counties = List.copyOf(counties);
        injections = List.copyOf(injections);
        Objects.requireNonNull(idPrefix, "idPrefix");
    }

    /** Every county, the default scale and seed, no injections. */
    public static Scenario of(LocalDate start, int days) {
        return new Scenario(start, days, List.of(), DEFAULT_SCALE, DEFAULT_SEED, List.of(), DEFAULT_ID_PREFIX, DEFAULT_OVERDOSES_PER_DAY);
    }

    public Scenario withCounties(List<String> codes) {
        return new Scenario(start, days, codes, scale, seed, injections, idPrefix, overdosesPerDay);
    }

    public Scenario withScale(int signalsPerDay) {
        return new Scenario(start, days, counties, signalsPerDay, seed, injections, idPrefix, overdosesPerDay);
    }

    public Scenario withSeed(long value) {
        return new Scenario(start, days, counties, scale, value, injections, idPrefix, overdosesPerDay);
    }

    public Scenario withInjections(List<Injection> list) {
        return new Scenario(start, days, counties, scale, seed, list, idPrefix, overdosesPerDay);
    }

    public Scenario withIdPrefix(String prefix) {
        return new Scenario(start, days, counties, scale, seed, injections, prefix, overdosesPerDay);
    }

    public Scenario withOverdosesPerDay(double perDay) {
        return new Scenario(start, days, counties, scale, seed, injections, idPrefix, perDay);
    }

    /** With {@link #standardInjections} for its counties and days. */
    public Scenario withStandardInjections(RegionCatalogue regions) {
        return withInjections(standardInjections(resolvedCounties(regions), days));
    }

    public LocalDate end() {
        return start.plusDays(days - 1L);
    }

    /** The counties, every one of the catalogue when none were named. */
    public List<String> resolvedCounties(RegionCatalogue regions) {
        return counties.isEmpty() ? regions.counties().stream().map(Region::code).toList() : counties;
    }

    /**
     * One event of every kind, in six different counties (the largest first, as the catalogue lists them when fewer),
     * spread over the second half of the period so every one has its history; none if the period is under 3 weeks.
     */
    public static List<Injection> standardInjections(List<String> counties, int days) {
        if (days < 21 || counties.isEmpty()) {
            return List.of();
        }
        var order = new ArrayList<>(Geography.byPopulation(counties));
        var kinds = Injection.Kind.values();
        var out = new ArrayList<Injection>();
        int first = Math.max(14, days / 2);
        int span = Math.max(1, days - 4 - first);
        for (int i = 0; i < kinds.length; i++) {
            var county = order.get(i % order.size());
            out.add(Injection.of(kinds[i], county, first + (i * span) / kinds.length));
        }
        return out;
    }

    /** Problems with this scenario against the catalogue, or none. */
    public List<String> problems(RegionCatalogue regions) {
        var problems = new ArrayList<String>();
        if (days < 1) {
            problems.add("days must be at least 1, got " + days);
        }
        if (scale < 1) {
            problems.add("scale must be at least 1 signal a day, got " + scale);
        }
        if (!(overdosesPerDay >= 0) || Double.isInfinite(overdosesPerDay)) {
            problems.add("overdoses per day must be a number ≥ 0, got " + overdosesPerDay);
        }
        if (idPrefix.isBlank() || idPrefix.length() > 40 || !idPrefix.matches("[A-Za-z0-9._-]+")) {
            problems.add("id prefix must be 1–40 letters, digits, '.', '_' or '-', got '" + idPrefix + "'");
        }
        for (String c : new LinkedHashSet<>(counties)) {
            if (regions.find(c).filter(r -> r.level() == Region.Level.COUNTY).isEmpty()) {
                problems.add("unknown county '" + c + "' (counties: " + String.join(", ",
                        regions.counties().stream().map(Region::code).toList()) + ")");
            }
        }
        var counties = resolvedCounties(regions);
        for (Injection i : injections) {
            var what = i.kind().cliName() + " in " + i.county() + " on day " + i.day();
            if (!counties.contains(i.county())) {
                problems.add(what + ": county " + i.county() + " is not among the generated counties");
            }
            if (i.day() < i.historyNeeded()) {
                problems.add(what + ": needs " + i.historyNeeded() + " days of history before it (day ≥ " + i.historyNeeded() + ")");
            }
            if (i.day() + i.lastDayOffset() > days - 1 + (i.kind() == Injection.Kind.WASTEWATER_RISE ? -LoadGenerator.WASTEWATER_DELAY_DAYS : 0)) {
                problems.add(what + ": its signals would fall after the last day (" + (days - 1) + ")");
            }
            if (i.region() != null && !regions.countyOf(i.region()).map(i.county()::equals).orElse(false)) {
                problems.add(what + ": region " + i.region() + " is not in county " + i.county());
            }
        }
        return problems;
    }
}
