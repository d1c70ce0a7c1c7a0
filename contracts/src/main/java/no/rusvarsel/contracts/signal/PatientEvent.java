package no.rusvarsel.contracts.signal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * An aggregate of patient events (overdoses, poisonings, naloxone) with no direct identifiers.
 * Health data: never log an instance of this record.
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record PatientEvent(
        String externalId,
        String region,
        String observedAt,
        @Nullable String notes,
        EventType eventType,
        Setting setting,
        Integer count,
        @Nullable String ageBand,
        Sex sex, // optional, but never null when present
        @Nullable List<String> suspectedSubstances,
        @Nullable List<String> confirmedSubstances) implements SignalPayload {

    public enum EventType { OVERDOSE_NONFATAL, OVERDOSE_FATAL, POISONING_ENQUIRY, NALOXONE_ADMINISTERED }

    public enum Setting { AMBULANCE, EMERGENCY_DEPARTMENT, POISON_CENTRE, LOW_THRESHOLD_SERVICE, FORENSIC }

    public enum Sex { FEMALE, MALE, OTHER, UNKNOWN }

    @Override
    public SourceType sourceType() {
        return SourceType.PATIENT_EVENT;
    }

    @Override
    public List<String> reportedSubstances() {
        return Substances.distinctNames(confirmedSubstances, suspectedSubstances);
    }

    @Override
    public String toString() {
        // health data: only what identifies the record for a provider, never its content
        return "PatientEvent[externalId=" + externalId + ", region=" + region + "]";
    }
}
