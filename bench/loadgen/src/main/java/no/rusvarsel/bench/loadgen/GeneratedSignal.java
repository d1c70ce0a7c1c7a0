package no.rusvarsel.bench.loadgen;

import no.rusvarsel.contracts.signal.SignalPayload;
import no.rusvarsel.contracts.signal.SourceType;

import java.time.LocalDate;

/**
 * One generated record, as a provider would submit it.
 *
 * @param sourceType the ingest path it goes to
 * @param provider   which provider sends it: the key name in a keys file (the source type's path for the dev stack's providers)
 * @param arrivalDay the day the provider sends it (a wastewater sample arrives {@link LoadGenerator#WASTEWATER_DELAY_DAYS}
 *                   after it was taken); the generator's output is in arrival order
 * @param payload    the record
 */
public record GeneratedSignal(SourceType sourceType, String provider, LocalDate arrivalDay, SignalPayload payload) {

    public GeneratedSignal {
        if (payload.sourceType() != sourceType) {
            throw new IllegalArgumentException(payload.sourceType() + " payload for " + sourceType);
        }
    }

    public String externalId() {
        return payload.externalId();
    }

    /** The record as one line of JSON in the ingest API's format. */
    public String json() {
        return PayloadJson.write(payload);
    }
}
