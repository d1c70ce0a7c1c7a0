package no.rusvarsel.contracts.signal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** A police, customs or corrections seizure with its forensic analysis. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record SeizureReport(
        String externalId,
        String region,
        String observedAt,
        @Nullable String notes,
        Agency agency,
        List<Item> items) implements SignalPayload {

    public enum Agency { POLICE, CUSTOMS, CORRECTIONS }

    public enum Unit { G, KG, ML, TABLETS, BLOTTERS, UNITS }

    /** One seized substance. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Item(
            String substance,
            Double quantity,
            Unit unit,
            @Nullable Double purityPercent,
            DrugCheckingResult.Form form) { // optional, but never null when present
    }

    @Override
    public SourceType sourceType() {
        return SourceType.SEIZURE;
    }

    @Override
    public List<String> reportedSubstances() {
        return Substances.distinct(items, Item::substance);
    }
}
