package no.rusvarsel.alerts.dashboard;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** From alert-service's own database: detections processed per hour, and webhook / e-mail delivery failures. */
@Singleton
public class AlertPipelineStats {

    private final JdbcOperations jdbc;

    public AlertPipelineStats(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Detections processed in one hour (start of the hour, UTC). */
    @Serdeable
    public record HourCount(Instant hour, long count) {
    }

    /**
     * @param failedAttemptsLastHour attempts in the last hour that did not deliver (retry, failed, gone, refused)
     * @param failedDeliveries       messages given up on (retry schedule exhausted)
     * @param pendingDeliveries      messages waiting for a (re)try
     */
    @Serdeable
    public record Deliveries(long failedAttemptsLastHour, long failedAttemptsLastDay, long failedDeliveries,
                             long pendingDeliveries) {
    }

    @Transactional(readOnly = true)
    public List<HourCount> detectionsPerHour(int hours) {
        return jdbc.prepareStatement("""
                SELECT date_trunc('hour', processed_at) AS hour, count(*) AS n FROM processed_detection
                WHERE processed_at > now() - make_interval(hours => ?) GROUP BY 1 ORDER BY 1""", s -> {
            s.setInt(1, hours);
            try (var rs = s.executeQuery()) {
                var out = new ArrayList<HourCount>();
                while (rs.next()) {
                    out.add(new HourCount(rs.getTimestamp("hour").toInstant(), rs.getLong("n")));
                }
                return out;
            }
        });
    }

    @Transactional(readOnly = true)
    public Deliveries deliveries() {
        return jdbc.prepareStatement("""
                SELECT (SELECT count(*) FROM delivery_attempt WHERE outcome <> 'DELIVERED' AND attempted_at > now() - interval '1 hour'),
                       (SELECT count(*) FROM delivery_attempt WHERE outcome <> 'DELIVERED' AND attempted_at > now() - interval '1 day'),
                       (SELECT count(*) FROM delivery WHERE status = 'FAILED'),
                       (SELECT count(*) FROM delivery WHERE status = 'PENDING')""", s -> {
            try (var rs = s.executeQuery()) {
                rs.next();
                return new Deliveries(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
            }
        });
    }
}
