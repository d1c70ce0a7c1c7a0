package no.rusvarsel.ingest.signal;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/** A provider's view of one of its signals: the latest accepted version and its content. */
@Serdeable
public record StoredSignal(String signalId, String sourceType, String externalId, int version, String status,
                           String contentHash, Instant observedAt, Instant receivedAt, JsonNode record) {

    static StoredSignal of(LedgerEntry e) {
        try {
            return new StoredSignal(e.signalId().toString(), e.sourceType(), e.externalId(), e.version(),
                    e.version() == 1 ? "ACCEPTED" : "CORRECTED", e.contentHash(), e.observedAt(), e.receivedAt(),
                    ObjectMapper.getDefault().readValue(e.payload(), JsonNode.class));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
