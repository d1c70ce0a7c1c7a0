package no.rusvarsel.alerts.alert;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import no.rusvarsel.contracts.alert.AlertEvent;
import no.rusvarsel.contracts.alert.AlertStatus;
import no.rusvarsel.contracts.detection.Detection;
import no.rusvarsel.contracts.detection.Severity;

import java.time.Instant;
import java.util.List;

/** An alert with the detections behind it (its evidence timeline) and its audit trail. */
@Serdeable
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
public record AlertDetail(Alert alert, List<Detection> detections, List<AuditEntry> audit) {

    /** One change: who, when, from what to what, and why. */
    @Serdeable
    public record AuditEntry(long sequence, AlertEvent.Type type, @Nullable AlertStatus fromStatus, AlertStatus toStatus,
                             @Nullable Severity fromSeverity, Severity toSeverity, String actor, @Nullable String note,
                             List<String> detectionIds, Instant occurredAt) {

        static AuditEntry of(AlertEventRecord r) {
            return new AuditEntry(r.sequence(), r.type(), r.fromStatus(), r.toStatus(), r.fromSeverity(), r.toSeverity(),
                    r.actor(), r.note(), r.event().detectionIds(), r.occurredAt());
        }
    }
}
