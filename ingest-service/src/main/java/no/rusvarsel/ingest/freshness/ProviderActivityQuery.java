package no.rusvarsel.ingest.freshness;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads every provider with the time of its latest accepted signal from the ledger (one indexed query). */
@Singleton
public class ProviderActivityQuery {

    private final JdbcOperations jdbc;

    public ProviderActivityQuery(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public List<ProviderActivity> all() {
        return jdbc.prepareStatement("""
                SELECT p.id, p.name, p.source_types, p.regions, p.expected_interval_minutes, p.created_at,
                       (SELECT max(l.received_at) FROM signal_ledger l WHERE l.provider_id = p.id) AS last_signal_at
                FROM provider p ORDER BY p.id""", statement -> {
            try (var rs = statement.executeQuery()) {
                var out = new ArrayList<ProviderActivity>();
                while (rs.next()) {
                    int minutes = rs.getInt("expected_interval_minutes");
                    Integer interval = rs.wasNull() ? null : minutes;
                    Timestamp last = rs.getTimestamp("last_signal_at");
                    out.add(new ProviderActivity(rs.getString("id"), rs.getString("name"), strings(rs.getArray("source_types")),
                            strings(rs.getArray("regions")), interval,
                            rs.getTimestamp("created_at").toInstant(), last == null ? null : last.toInstant()));
                }
                return out;
            }
        });
    }

    /** Sets (or with null clears) a provider's expected interval; false if there is no such provider. */
    @Transactional
    public boolean setExpectedInterval(String providerId, Integer minutes) {
        return jdbc.prepareStatement("UPDATE provider SET expected_interval_minutes = ? WHERE id = ?", statement -> {
            if (minutes == null) {
                statement.setNull(1, java.sql.Types.INTEGER);
            } else {
                statement.setInt(1, minutes);
            }
            statement.setString(2, providerId);
            return statement.executeUpdate() == 1;
        });
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
