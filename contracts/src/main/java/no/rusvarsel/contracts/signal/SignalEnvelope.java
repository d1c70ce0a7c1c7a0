package no.rusvarsel.contracts.signal;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/**
 * One accepted version of a provider's record, as written to {@code rusvarsel.signals.v1}.
 * A correction has the same {@code signalId} and a higher {@code version}; it supersedes the older one.
 *
 * @param signalId     stable id of (provider, sourceType, externalId), see {@link SignalIds}
 * @param version      1 for the first accepted content, +1 for each correction
 * @param county       the county the region rolls up to (partition key of the signals topic)
 * @param observedAt   event time, parsed from the payload's {@code observedAt}
 * @param receivedAt   when ingest accepted this version
 * @param contentHash  SHA-256 of the canonical payload, for duplicate detection
 * @param substances   every reported substance name matched against the catalogue
 */
@Serdeable
public record SignalEnvelope(
        String signalId,
        int version,
        String providerId,
        SourceType sourceType,
        String externalId,
        String region,
        String county,
        Instant observedAt,
        Instant receivedAt,
        String contentHash,
        List<ObservedSubstance> substances,
        SignalPayload payload) {

    public SignalEnvelope {
        substances = substances == null ? List.of() : List.copyOf(substances);
    }

    @Override
    public String toString() {
        // the payload may be patient data: never print it
        return "SignalEnvelope[signalId=" + signalId + ", version=" + version + ", sourceType=" + sourceType
                + ", providerId=" + providerId + ", county=" + county + ", observedAt=" + observedAt + "]";
    }
}
