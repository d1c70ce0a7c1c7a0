package no.rusvarsel.alerts.alert;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import io.micronaut.serde.annotation.Serdeable;
import no.rusvarsel.contracts.detection.Detection;
import no.rusvarsel.contracts.detection.Rule;
import no.rusvarsel.contracts.detection.Severity;

import java.time.Instant;

/** A detection that fed an alert, kept whole: its evidence, metrics and summary make the alert's timeline. */
@Serdeable
@MappedEntity("alert_detection")
public record AlertDetectionRecord(
        @Id String detectionId,
        String alertId,
        Rule rule,
        Severity severity,
        Instant detectedAt,
        @TypeDef(type = DataType.JSON) Detection detection) {
}
