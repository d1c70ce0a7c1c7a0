package no.rusvarsel.contracts.signal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** Analysis of residues in used syringes collected at one site. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record SyringeResult(
        String externalId,
        String region,
        String observedAt,
        @Nullable String notes,
        String siteId,
        Integer syringeCount,
        List<Detected> detected) implements SignalPayload {

    /** A substance and how many of the analysed syringes contained it. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Detected(String substance, Integer syringesPositive) {
    }

    @Override
    public SourceType sourceType() {
        return SourceType.SYRINGE;
    }

    @Override
    public List<String> reportedSubstances() {
        return Substances.distinct(detected, Detected::substance);
    }
}
