package no.rusvarsel.ingest.signal;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The signal ledger in PostgreSQL: what each provider record's latest accepted version is. Writes are
 * optimistic: an insert of a record that appeared meanwhile, or an update of a version that moved on,
 * reports a conflict so that the caller retries with fresh state. Must run inside a transaction.
 */
@Singleton
public class SignalLedger {

    private final JdbcOperations jdbc;

    public SignalLedger(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** The ledger entries of these signal ids that exist. */
    public Map<UUID, LedgerEntry> find(Collection<UUID> signalIds) {
        if (signalIds.isEmpty()) {
            return Map.of();
        }
        return jdbc.execute(connection -> {
            try (var statement = connection.prepareStatement("SELECT * FROM signal_ledger WHERE signal_id = ANY (?)")) {
                statement.setArray(1, uuids(connection, signalIds));
                try (var rs = statement.executeQuery()) {
                    var out = new HashMap<UUID, LedgerEntry>();
                    while (rs.next()) {
                        var entry = read(rs);
                        out.put(entry.signalId(), entry);
                    }
                    return out;
                }
            }
        });
    }

    /** Deletes up to {@code limit} entries last received before {@code before}; returns how many. */
    @Transactional
    public int deleteReceivedBefore(Instant before, int limit) {
        return jdbc.execute(connection -> {
            try (var statement = connection.prepareStatement("""
                    DELETE FROM signal_ledger WHERE signal_id IN
                        (SELECT signal_id FROM signal_ledger WHERE received_at < ? LIMIT ?)""")) {
                statement.setTimestamp(1, Timestamp.from(before));
                statement.setInt(2, limit);
                return statement.executeUpdate();
            }
        });
    }

    public Optional<LedgerEntry> find(UUID signalId) {
        return Optional.ofNullable(find(List.of(signalId)).get(signalId));
    }

    /**
     * Inserts first versions and moves corrected ones on from their previous version.
     *
     * @return false if another request changed one of these records in the meantime
     */
    public boolean write(List<LedgerEntry> inserts, Map<LedgerEntry, Integer> updatesFromVersion) {
        return jdbc.execute(connection -> {
            if (!inserts.isEmpty()) {
                try (var statement = connection.prepareStatement("""
                        INSERT INTO signal_ledger (signal_id, provider_id, source_type, external_id, version, content_hash,
                                                   observed_at, received_at, payload)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")) {
                    for (var e : inserts) {
                        bind(statement, e);
                        statement.addBatch();
                    }
                    for (int count : statement.executeBatch()) {
                        if (count != 1) {
                            return false;
                        }
                    }
                }
            }
            if (!updatesFromVersion.isEmpty()) {
                try (var statement = connection.prepareStatement("""
                        UPDATE signal_ledger SET version = ?, content_hash = ?, observed_at = ?, received_at = ?, payload = ?
                        WHERE signal_id = ? AND version = ?""")) {
                    for (var u : updatesFromVersion.entrySet()) {
                        var e = u.getKey();
                        statement.setInt(1, e.version());
                        statement.setString(2, e.contentHash());
                        statement.setTimestamp(3, Timestamp.from(e.observedAt()));
                        statement.setTimestamp(4, Timestamp.from(e.receivedAt()));
                        statement.setString(5, e.payload());
                        statement.setObject(6, e.signalId());
                        statement.setInt(7, u.getValue());
                        statement.addBatch();
                    }
                    for (int count : statement.executeBatch()) {
                        if (count != 1) {
                            return false;
                        }
                    }
                }
            }
            return true;
        });
    }

    private static void bind(PreparedStatement statement, LedgerEntry e) throws SQLException {
        statement.setObject(1, e.signalId());
        statement.setString(2, e.providerId());
        statement.setString(3, e.sourceType());
        statement.setString(4, e.externalId());
        statement.setInt(5, e.version());
        statement.setString(6, e.contentHash());
        statement.setTimestamp(7, Timestamp.from(e.observedAt()));
        statement.setTimestamp(8, Timestamp.from(e.receivedAt()));
        statement.setString(9, e.payload());
    }

    private static LedgerEntry read(ResultSet rs) throws SQLException {
        return new LedgerEntry(rs.getObject("signal_id", UUID.class), rs.getString("provider_id"), rs.getString("source_type"),
                rs.getString("external_id"), rs.getInt("version"), rs.getString("content_hash"),
                rs.getTimestamp("observed_at").toInstant(), rs.getTimestamp("received_at").toInstant(), rs.getString("payload"));
    }

    private static Array uuids(Connection connection, Collection<UUID> ids) throws SQLException {
        return connection.createArrayOf("uuid", ids.toArray());
    }
}
