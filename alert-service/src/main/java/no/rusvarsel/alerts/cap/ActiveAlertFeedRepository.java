package no.rusvarsel.alerts.cap;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import no.rusvarsel.alerts.alert.Alert;

import java.util.List;

/** Reads the active alerts for the Atom feed, most recently changed first. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ActiveAlertFeedRepository extends GenericRepository<Alert, String> {

    @Query("SELECT * FROM alert WHERE status IN ('OPEN', 'ACKNOWLEDGED') ORDER BY updated_at DESC, alert_id LIMIT :limit")
    List<Alert> findActiveNewestFirst(int limit);
}
