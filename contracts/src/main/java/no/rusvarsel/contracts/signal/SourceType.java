package no.rusvarsel.contracts.signal;

import io.micronaut.serde.annotation.Serdeable;

import java.util.Arrays;
import java.util.Optional;

/** The five kinds of data provider, with the path segment each uses in the ingest API. */
@Serdeable
public enum SourceType {
    WASTEWATER("wastewater"),
    DRUG_CHECKING("drug-checking"),
    SEIZURE("seizure"),
    PATIENT_EVENT("patient-event"),
    SYRINGE("syringe");

    private final String path;

    SourceType(String path) {
        this.path = path;
    }

    /** The path segment in {@code POST /api/v1/signals/{sourceType}}. */
    public String path() {
        return path;
    }

    public static Optional<SourceType> fromPath(String path) {
        return Arrays.stream(values()).filter(t -> t.path.equals(path)).findFirst();
    }
}
