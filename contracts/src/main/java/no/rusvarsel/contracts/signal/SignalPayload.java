package no.rusvarsel.contracts.signal;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.List;

/**
 * A provider's record as submitted (DESIGN §4): the common fields every source type carries.
 * In an envelope the concrete type is named by the {@code type} property.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = WastewaterResult.class, name = "wastewater"),
        @JsonSubTypes.Type(value = DrugCheckingResult.class, name = "drug-checking"),
        @JsonSubTypes.Type(value = SeizureReport.class, name = "seizure"),
        @JsonSubTypes.Type(value = PatientEvent.class, name = "patient-event"),
        @JsonSubTypes.Type(value = SyringeResult.class, name = "syringe")
})
public sealed interface SignalPayload
        permits WastewaterResult, DrugCheckingResult, SeizureReport, PatientEvent, SyringeResult {

    /** The provider's own id for the record, 1–128 characters. */
    String externalId();

    /** Municipality (4 digits) or county (2 digits) number. */
    String region();

    /** When the sample was taken or the event happened: ISO-8601 date or instant (event time). */
    String observedAt();

    String notes();

    SourceType sourceType();

    /** Every substance name as the provider wrote it, in record order, without duplicates. */
    List<String> reportedSubstances();
}
