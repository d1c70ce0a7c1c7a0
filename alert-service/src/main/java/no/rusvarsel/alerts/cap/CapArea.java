package no.rusvarsel.alerts.cap;

import no.rusvarsel.alerts.alert.Alert;
import no.rusvarsel.contracts.catalogue.Region;
import no.rusvarsel.contracts.catalogue.RegionCatalogue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The CAP area of an alert: the names of its regions (and their county) and one geocode per region code,
 * {@code SSB-kommunenummer} for municipalities and {@code SSB-fylkesnummer} for counties.
 *
 * @param description the CAP {@code areaDesc}, e.g. "Bergen, Vestland"
 * @param geocodes    the CAP {@code geocode} pairs
 */
public record CapArea(String description, List<Geocode> geocodes) {

    public static final String MUNICIPALITY_CODE = "SSB-kommunenummer";
    public static final String COUNTY_CODE = "SSB-fylkesnummer";

    /** One CAP geocode. */
    public record Geocode(String valueName, String value) {
    }

    public CapArea {
        geocodes = List.copyOf(geocodes);
    }

    public static CapArea of(Alert alert, RegionCatalogue catalogue) {
        var codes = new LinkedHashSet<String>();
        codes.add(alert.region());
        codes.addAll(alert.regions());
        codes.add(alert.county());
        var names = new LinkedHashSet<String>();
        var geocodes = new ArrayList<Geocode>();
        for (var code : codes) {
            var region = catalogue.find(code);
            names.add(region.map(Region::name).orElse(code));
            region.ifPresent(r -> geocodes.add(new Geocode(
                    r.level() == Region.Level.MUNICIPALITY ? MUNICIPALITY_CODE : COUNTY_CODE, r.code())));
        }
        return new CapArea(String.join(", ", names), geocodes);
    }
}
