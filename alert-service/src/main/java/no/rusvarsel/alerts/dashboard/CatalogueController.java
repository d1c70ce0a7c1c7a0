package no.rusvarsel.alerts.dashboard;

import io.swagger.v3.oas.annotations.Operation;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import no.rusvarsel.contracts.catalogue.RegionCatalogue;
import no.rusvarsel.contracts.catalogue.SubstanceClass;

import java.util.Arrays;
import java.util.List;

/** The names the dashboard shows: counties (rows of the heatmap, region filter) and substance classes (its columns). */
@Controller("/api/v1/dashboard/catalogue")
@Secured({"ANALYST", "OPERATOR", "ADMIN"})
public class CatalogueController {

    private final RegionCatalogue regions;

    public CatalogueController(RegionCatalogue regions) {
        this.regions = regions;
    }

    @Serdeable
    public record Named(String code, String name) {
    }

    @Serdeable
    public record Catalogue(List<Named> counties, List<Named> municipalities, List<String> substanceClasses) {
    }

    @Operation(summary = "Counties and substance classes for the dashboard's filters")
    @Get
    public Catalogue catalogue() {
        return new Catalogue(regions.counties().stream().map(r -> new Named(r.code(), r.name())).toList(),
                regions.municipalities().stream().map(r -> new Named(r.code(), r.name())).toList(),
                Arrays.stream(SubstanceClass.values()).map(Enum::name).toList());
    }
}
