package no.rusvarsel.contracts.catalogue;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Objects;

/**
 * A catalogue and watchlist entry: one substance, its class and hazard, the names it goes by,
 * the metabolites or markers that indicate its use, and optional potency thresholds.
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record Substance(
        String id,
        String name,
        @JsonProperty("class") SubstanceClass substanceClass,
        Hazard hazard,
        @Nullable List<String> synonyms,
        @Nullable List<String> metabolites,
        @Nullable Thresholds thresholds) {

    public Substance {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(substanceClass, "class");
        Objects.requireNonNull(hazard, "hazard");
        synonyms = synonyms == null ? List.of() : List.copyOf(synonyms);
        metabolites = metabolites == null ? List.of() : List.copyOf(metabolites);
    }

    /**
     * Potency above which a sample is unusually strong.
     *
     * @param amountMgPerUnit dose per tablet, capsule or blotter
     * @param purityPercent   purity of a powder or crystal
     */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Thresholds(@Nullable Double amountMgPerUnit, @Nullable Double purityPercent) {
    }
}
