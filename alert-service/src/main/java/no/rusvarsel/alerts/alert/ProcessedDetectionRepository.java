package no.rusvarsel.alerts.alert;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ProcessedDetectionRepository extends GenericRepository<ProcessedDetectionRepository.Row, String> {

    /** Records a detection as processed; 0 when it already was (a redelivery). */
    @Query("INSERT INTO processed_detection (detection_id) VALUES (:detectionId) ON CONFLICT DO NOTHING")
    int record(String detectionId);

    @io.micronaut.data.annotation.MappedEntity("processed_detection")
    record Row(@io.micronaut.data.annotation.Id String detectionId) {
    }
}
