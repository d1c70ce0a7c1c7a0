package no.rusvarsel.alerts.alert;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/** Lists alerts by filter, most severe and most recently changed first, one page at a time. */
@Singleton
public class AlertSearch {

    private final JdbcOperations jdbc;

    public AlertSearch(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** A page of alerts and how many match in all; an empty page still says {@code "items": []}. */
    @io.micronaut.serde.annotation.Serdeable
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
    public record Page(List<Alert> items, int page, int size, long total) {
    }

    @Transactional(readOnly = true)
    public Page find(AlertFilter f) {
        var where = new StringBuilder(" WHERE TRUE");
        var params = new ArrayList<Binder>();
        if (!f.statuses().isEmpty()) {
            where.append(" AND status = ANY (?)");
            var names = f.statuses().stream().map(Enum::name).toArray(String[]::new);
            params.add((s, i) -> s.setArray(i, s.getConnection().createArrayOf("text", names)));
        }
        if (f.county() != null) {
            where.append(" AND county = ?");
            params.add((s, i) -> s.setString(i, f.county()));
        }
        if (f.municipality() != null) {
            where.append(" AND (? = ANY (regions) OR region = county)");
            params.add((s, i) -> s.setString(i, f.municipality()));
        }
        if (!f.severities().isEmpty()) {
            where.append(" AND severity = ANY (?)");
            var names = f.severities().stream().map(Enum::name).toArray(String[]::new);
            params.add((s, i) -> s.setArray(i, s.getConnection().createArrayOf("text", names)));
        }
        if (f.minSeverity() != null) {
            where.append(" AND severity_rank >= ?");
            params.add((s, i) -> s.setInt(i, f.minSeverity().ordinal()));
        }
        if (f.since() != null) {
            where.append(" AND updated_at >= ?");
            params.add((s, i) -> s.setTimestamp(i, Timestamp.from(f.since())));
        }
        return jdbc.prepareStatement("SELECT COUNT(*) FROM alert" + where, count -> {
            bind(count, params);
            long total;
            try (var rs = count.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
            var sql = "SELECT * FROM alert" + where
                    + " ORDER BY (status IN ('OPEN', 'ACKNOWLEDGED')) DESC, severity_rank DESC, updated_at DESC, alert_id"
                    + " LIMIT " + f.size() + " OFFSET " + (long) f.page() * f.size();
            return jdbc.prepareStatement(sql, list -> {
                bind(list, params);
                try (var rs = list.executeQuery()) {
                    return new Page(jdbc.entityStream(rs, Alert.class).toList(), f.page(), f.size(), total);
                }
            });
        });
    }

    private static void bind(PreparedStatement statement, List<Binder> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            params.get(i).bind(statement, i + 1);
        }
    }

    private interface Binder {
        void bind(PreparedStatement statement, int index) throws SQLException;
    }
}
