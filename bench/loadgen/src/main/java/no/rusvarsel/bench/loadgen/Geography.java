package no.rusvarsel.bench.loadgen;

import no.rusvarsel.contracts.catalogue.Region;
import no.rusvarsel.contracts.catalogue.RegionCatalogue;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Where signals come from: the catalogue's counties and municipalities, weighted by population. The catalogue has no
 * populations, so Norway's counties carry theirs (Statistics Norway, 1 January 2024, rounded) and their largest town;
 * a county this table does not know (another country's catalogue) weighs as much as it has municipalities × 20 000,
 * and its first municipality stands in for the largest town.
 */
final class Geography {

    /** County → inhabitants (thousands). */
    private static final Map<String, Integer> POPULATION = Map.ofEntries(
            Map.entry("03", 717), Map.entry("11", 499), Map.entry("15", 270), Map.entry("18", 243), Map.entry("31", 302),
            Map.entry("32", 725), Map.entry("33", 271), Map.entry("34", 375), Map.entry("39", 256), Map.entry("40", 177),
            Map.entry("42", 318), Map.entry("46", 650), Map.entry("50", 482), Map.entry("55", 169), Map.entry("56", 75));

    /** County → its largest municipality. */
    private static final Map<String, String> MAIN = Map.ofEntries(
            Map.entry("03", "0301"), Map.entry("11", "1103"), Map.entry("15", "1508"), Map.entry("18", "1804"), Map.entry("31", "3107"),
            Map.entry("32", "3201"), Map.entry("33", "3301"), Map.entry("34", "3403"), Map.entry("39", "3907"), Map.entry("40", "4003"),
            Map.entry("42", "4204"), Map.entry("46", "4601"), Map.entry("50", "5001"), Map.entry("55", "5501"), Map.entry("56", "5601"));

    private final RegionCatalogue regions;
    private final Map<String, List<String>> municipalities = new java.util.concurrent.ConcurrentHashMap<>();

    Geography(RegionCatalogue regions) {
        this.regions = regions;
    }

    /** Inhabitants in thousands. */
    double population(String county) {
        Integer known = POPULATION.get(county);
        return known != null ? known : Math.max(1, regions.municipalitiesIn(county).size()) * 20.0;
    }

    /** The county's largest municipality, or the county itself if the catalogue lists none in it. */
    String main(String county) {
        String known = MAIN.get(county);
        if (known != null && regions.find(known).isPresent()) {
            return known;
        }
        var municipalities = regions.municipalitiesIn(county);
        return municipalities.isEmpty() ? county : municipalities.get(0).code();
    }

    /** The county's municipalities (at least the county itself), the main one first. */
    List<String> municipalities(String county) {
        return municipalities.computeIfAbsent(county, this::listMunicipalities);
    }

    private List<String> listMunicipalities(String county) {
        var main = main(county);
        var rest = regions.municipalitiesIn(county).stream().map(Region::code).filter(c -> !c.equals(main)).toList();
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(main), rest.stream()).toList();
    }

    /** The counties, largest population first (ties by code). */
    static List<String> byPopulation(List<String> counties) {
        var g = new Geography(RegionCatalogue.defaultCatalogue());
        return counties.stream().sorted(Comparator.comparingDouble((String c) -> -g.population(c)).thenComparing(c -> c)).toList();
    }
}
