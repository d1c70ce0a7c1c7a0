package no.rusvarsel.contracts.signal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** A wastewater lab's result for one composite sample at one treatment-plant site. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record WastewaterResult(
        String externalId,
        String region,
        String observedAt,
        @Nullable String notes,
        String siteId,
        Long populationServed,
        String sampleStart,
        String sampleEnd,
        List<Measurement> measurements) implements SignalPayload {

    /** One substance measured in the sample. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Measurement(
            String substance,
            Double concentrationNgPerL,
            @Nullable Double loadMgPerDayPer1000,
            @Nullable Boolean belowLoq) {
    }

    @Override
    public SourceType sourceType() {
        return SourceType.WASTEWATER;
    }

    @Override
    public List<String> reportedSubstances() {
        return Substances.distinct(measurements, Measurement::substance);
    }
}
