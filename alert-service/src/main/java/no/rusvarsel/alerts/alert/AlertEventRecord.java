package no.rusvarsel.alerts.alert;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import io.micronaut.serde.annotation.Serdeable;
import no.rusvarsel.contracts.alert.AlertEvent;
import no.rusvarsel.contracts.alert.AlertStatus;
import no.rusvarsel.contracts.detection.Severity;

import java.time.Instant;

/**
 * One change of an alert: its audit-trail entry, its outbox row for {@code rusvarsel.alerts.v1} and an SSE event.
 *
 * @param position    global commit order of changes (events are inserted under one lock); the SSE event id
 * @param notified    whether subscribers are told about it (a new alert, an escalation)
 * @param publishedAt when the relay put it on {@code rusvarsel.alerts.v1}; null until then
 */
@Serdeable
@MappedEntity("alert_event")
public record AlertEventRecord(
        @Id @GeneratedValue @Nullable Long position,
        String eventId,
        String alertId,
        long sequence,
        AlertEvent.Type type,
        @Nullable AlertStatus fromStatus,
        AlertStatus toStatus,
        @Nullable Severity fromSeverity,
        Severity toSeverity,
        String actor,
        @Nullable String note,
        boolean notified,
        Instant occurredAt,
        @TypeDef(type = DataType.JSON) AlertEvent event,
        @Nullable Instant publishedAt) {
}
