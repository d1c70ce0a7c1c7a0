package no.rusvarsel.contracts.catalogue;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The regions data may be reported for: counties and municipalities, with the municipality → county
 * roll-up. Norway's classification ships as the default; another country's file can replace it.
 */
public final class RegionCatalogue {

    public static final String DEFAULT_RESOURCE = "catalogue/regions-no.json";

    /** The file format. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Document(String country, String classification, List<CountyEntry> counties,
                           List<MunicipalityEntry> municipalities) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record CountyEntry(String code, String name, @Nullable List<String> altNames) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record MunicipalityEntry(String code, String name, String county, @Nullable List<String> altNames) {
    }

    private final String country;
    private final String classification;
    private final Map<String, Region> byCode;

    private RegionCatalogue(Document doc) {
        this.country = doc.country();
        this.classification = doc.classification();
        var regions = new LinkedHashMap<String, Region>();
        for (var c : doc.counties()) {
            add(regions, new Region(c.code(), c.name(), Region.Level.COUNTY, c.code(), c.altNames()));
        }
        for (var m : doc.municipalities()) {
            var county = regions.get(m.county());
            if (county == null || county.level() != Region.Level.COUNTY) {
                throw new IllegalArgumentException("municipality " + m.code() + " names unknown county " + m.county());
            }
            add(regions, new Region(m.code(), m.name(), Region.Level.MUNICIPALITY, m.county(), m.altNames()));
        }
        this.byCode = Map.copyOf(regions);
    }

    private static void add(Map<String, Region> regions, Region region) {
        if (regions.put(region.code(), region) != null) {
            throw new IllegalArgumentException("duplicate region code " + region.code());
        }
    }

    public static RegionCatalogue defaultCatalogue() {
        return load(null);
    }

    /** A catalogue from a file, or the shipped one when {@code path} is null or blank. */
    public static RegionCatalogue load(@Nullable String path) {
        return new RegionCatalogue(CatalogueFiles.read(path, DEFAULT_RESOURCE, Document.class));
    }

    public Optional<Region> find(@Nullable String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(byCode.get(code));
    }

    /** The county a region code rolls up to (a county rolls up to itself). */
    public Optional<String> countyOf(@Nullable String code) {
        return find(code).map(Region::county);
    }

    public List<Region> counties() {
        return byCode.values().stream().filter(r -> r.level() == Region.Level.COUNTY)
                .sorted(java.util.Comparator.comparing(Region::code)).toList();
    }

    public List<Region> municipalities() {
        return byCode.values().stream().filter(r -> r.level() == Region.Level.MUNICIPALITY)
                .sorted(java.util.Comparator.comparing(Region::code)).toList();
    }

    public List<Region> municipalitiesIn(String county) {
        return municipalities().stream().filter(r -> r.county().equals(county)).toList();
    }

    public String country() {
        return country;
    }

    public String classification() {
        return classification;
    }
}
