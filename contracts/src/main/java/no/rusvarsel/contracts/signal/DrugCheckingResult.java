package no.rusvarsel.contracts.signal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** A drug-checking service's analysis of one sample handed in by a person. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record DrugCheckingResult(
        String externalId,
        String region,
        String observedAt,
        @Nullable String notes,
        Form form,
        @Nullable String soldAs,
        Method method,
        Boolean confirmed,
        List<Component> components) implements SignalPayload {

    public enum Form { TABLET, POWDER, CRYSTAL, CAPSULE, LIQUID, BLOTTER, PLANT, OTHER }

    public enum Method { FTIR, GC_MS, LC_MS, HPLC, RAMAN, TEST_STRIP, OTHER }

    /** One substance found in the sample. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Component(
            String substance,
            @Nullable Double amountMg,
            @Nullable Double purityPercent) {
    }

    @Override
    public SourceType sourceType() {
        return SourceType.DRUG_CHECKING;
    }

    @Override
    public List<String> reportedSubstances() {
        return Substances.distinct(components, Component::substance);
    }
}
