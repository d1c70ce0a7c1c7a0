package no.rusvarsel.alerts.alert;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AlertRepository extends CrudRepository<Alert, String> {

    /** The active episode for a key, locked until the transaction ends. */
    @Query("SELECT * FROM alert WHERE episode_key = :episodeKey AND status IN ('OPEN', 'ACKNOWLEDGED') FOR UPDATE")
    Optional<Alert> findActiveForUpdate(String episodeKey);

    @Query("SELECT * FROM alert WHERE alert_id = :alertId FOR UPDATE")
    Optional<Alert> findForUpdate(String alertId);

    /** Active alerts with no detection since {@code before}, oldest first. */
    @Query("SELECT * FROM alert WHERE status IN ('OPEN', 'ACKNOWLEDGED') AND last_detected_at < :before ORDER BY last_detected_at LIMIT :limit")
    List<Alert> findQuietSince(Instant before, int limit);
}
