package no.rusvarsel.ingest.signal;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * A provider's view of one of its signals: the latest version received and its content; status PENDING while that
 * version's place in Kafka is still being confirmed (after a crash or a lost answer from Kafka).
 */
@Serdeable
public record StoredSignal(String signalId, String sourceType, String externalId, int version,
                           @Schema(description = "ACCEPTED (version 1), CORRECTED (a later version) or PENDING (whether Kafka "
                                   + "holds this version is still being confirmed, after a crash or a lost answer; a retry "
                                   + "of the record meanwhile gets 503 with Retry-After)",
                                   allowableValues = {"ACCEPTED", "CORRECTED", "PENDING"}) String status,
                           String contentHash, Instant observedAt, Instant receivedAt, JsonNode record) {

    static StoredSignal of(LedgerEntry e) {
        try {
            return new StoredSignal(e.signalId().toString(), e.sourceType(), e.externalId(), e.version(),
                    e.isPending() ? "PENDING" : e.version() == 1 ? "ACCEPTED" : "CORRECTED", e.contentHash(), e.observedAt(), e.receivedAt(),
                    ObjectMapper.getDefault().readValue(e.payload(), JsonNode.class));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
