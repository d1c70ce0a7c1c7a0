package no.rusvarsel.alerts.delivery.message;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import no.rusvarsel.alerts.alert.AlertDetectionRecord;

import java.util.List;

/** The evidence a message lists: an alert's latest detections and how many it has, without reading them all. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface EvidenceRepository extends GenericRepository<AlertDetectionRecord, String> {

    @Query("SELECT * FROM alert_detection WHERE alert_id = :alertId ORDER BY detected_at DESC, detection_id DESC LIMIT :limit")
    List<AlertDetectionRecord> findLatest(String alertId, int limit);

    long countByAlertId(String alertId);
}
