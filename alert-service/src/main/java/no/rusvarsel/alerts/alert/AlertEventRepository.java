package no.rusvarsel.alerts.alert;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AlertEventRepository extends CrudRepository<AlertEventRecord, Long> {

    List<AlertEventRecord> findByAlertIdOrderBySequence(String alertId);

    /** Changes after an SSE position, in commit order. */
    @Query("SELECT * FROM alert_event WHERE position > :after ORDER BY position LIMIT :limit")
    List<AlertEventRecord> findAfter(long after, int limit);

    @Query("SELECT COALESCE(MAX(position), 0) FROM alert_event")
    long lastPosition();

    /** The oldest changes not yet on {@code rusvarsel.alerts.v1}. */
    @Query("SELECT * FROM alert_event WHERE published_at IS NULL ORDER BY position LIMIT :limit")
    List<AlertEventRecord> findUnpublished(int limit);

    @Query("UPDATE alert_event SET published_at = :publishedAt WHERE position IN (:positions)")
    void markPublished(List<Long> positions, Instant publishedAt);

    /**
     * Serialises writers of alert events until the transaction ends, so that positions are assigned
     * in commit order and an SSE reader never skips a change committed late with a lower position.
     */
    @Query("SELECT pg_advisory_xact_lock(7301) IS NOT NULL")
    boolean lockEventOrder();

    /** True for the one instance that may relay events to Kafka until its transaction ends. */
    @Query("SELECT pg_try_advisory_xact_lock(7302)")
    boolean tryLockRelay();
}
