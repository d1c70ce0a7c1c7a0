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
 * The signal ledger in PostgreSQL: what each provider record's latest version is, and whether Kafka is known to hold
 * it (settled) or not yet (pending, see V4__ledger_pending_versions.sql). Writes are optimistic: an insert of a record
 * that appeared meanwhile, or an update of a version that moved on or is pending, reports a conflict so that the
 * caller retries with fresh state. Must run inside a transaction.
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
                        (SELECT signal_id FROM signal_ledger WHERE received_at < ? AND pending_txn IS NULL LIMIT ?)""")) {
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
     * Inserts first versions and moves corrected ones on from their previous version, all pending on the Kafka
     * transaction of {@code transactionalId}; the previous version is kept until the new one is settled.
     *
     * @return false if another request changed one of these records in the meantime, or one of them is pending
     */
    public boolean writePending(List<LedgerEntry> inserts, Map<LedgerEntry, Integer> updatesFromVersion,
                                String transactionalId, Instant since) {
        return jdbc.execute(connection -> {
            if (!inserts.isEmpty()) {
                try (var statement = connection.prepareStatement("""
                        INSERT INTO signal_ledger (signal_id, provider_id, source_type, external_id, version, content_hash,
                                                   observed_at, received_at, payload, pending_txn, pending_since)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")) {
                    for (var e : inserts) {
                        bind(statement, e);
                        statement.setString(10, transactionalId);
                        statement.setTimestamp(11, Timestamp.from(since));
                        statement.addBatch();
                    }
                    if (!allOne(statement.executeBatch())) {
                        return false;
                    }
                }
            }
            if (!updatesFromVersion.isEmpty()) {
                // on the right-hand side of SET, columns hold their old values: prev_* = the version being replaced
                try (var statement = connection.prepareStatement("""
                        UPDATE signal_ledger SET prev_version = version, prev_content_hash = content_hash,
                               prev_observed_at = observed_at, prev_received_at = received_at, prev_payload = payload,
                               version = ?, content_hash = ?, observed_at = ?, received_at = ?, payload = ?,
                               pending_txn = ?, pending_since = ?
                        WHERE signal_id = ? AND version = ? AND pending_txn IS NULL""")) {
                    for (var u : updatesFromVersion.entrySet()) {
                        var e = u.getKey();
                        statement.setInt(1, e.version());
                        statement.setString(2, e.contentHash());
                        statement.setTimestamp(3, Timestamp.from(e.observedAt()));
                        statement.setTimestamp(4, Timestamp.from(e.receivedAt()));
                        statement.setString(5, e.payload());
                        statement.setString(6, transactionalId);
                        statement.setTimestamp(7, Timestamp.from(since));
                        statement.setObject(8, e.signalId());
                        statement.setInt(9, u.getValue());
                        statement.addBatch();
                    }
                    if (!allOne(statement.executeBatch())) {
                        return false;
                    }
                }
            }
            return true;
        });
    }

    /**
     * Marks the versions these records have pending on {@code transactionalId} as in Kafka; returns how many. The
     * transaction commits without waiting for the disk: a settle lost in a database crash leaves the versions
     * pending, which the reconciler settles again.
     */
    public int settle(Collection<UUID> signalIds, String transactionalId) {
        if (signalIds.isEmpty()) {
            return 0;
        }
        jdbc.execute(connection -> {
            try (var statement = connection.createStatement()) {
                return statement.execute("SET LOCAL synchronous_commit TO OFF");
            }
        });
        return update("""
                UPDATE signal_ledger SET pending_txn = NULL, pending_since = NULL, prev_version = NULL, prev_content_hash = NULL,
                       prev_observed_at = NULL, prev_received_at = NULL, prev_payload = NULL
                WHERE signal_id = ANY (?) AND pending_txn = ?""", signalIds, transactionalId);
    }

    /**
     * Undoes the versions these records have pending on {@code transactionalId} (they are not in Kafka): a first
     * version is deleted, a correction goes back to the version it replaced. Returns how many records were undone.
     */
    public int rollBack(Collection<UUID> signalIds, String transactionalId) {
        return update("DELETE FROM signal_ledger WHERE signal_id = ANY (?) AND pending_txn = ? AND prev_version IS NULL",
                signalIds, transactionalId)
                + update("""
                UPDATE signal_ledger SET version = prev_version, content_hash = prev_content_hash, observed_at = prev_observed_at,
                       received_at = prev_received_at, payload = prev_payload, pending_txn = NULL, pending_since = NULL,
                       prev_version = NULL, prev_content_hash = NULL, prev_observed_at = NULL, prev_received_at = NULL,
                       prev_payload = NULL
                WHERE signal_id = ANY (?) AND pending_txn = ?""", signalIds, transactionalId);
    }

    /** Up to {@code limit} records with a version pending since before {@code before}, oldest first. */
    public List<LedgerEntry> pendingSince(Instant before, int limit) {
        return jdbc.execute(connection -> {
            try (var statement = connection.prepareStatement("""
                    SELECT * FROM signal_ledger WHERE pending_txn IS NOT NULL AND pending_since < ?
                    ORDER BY pending_since LIMIT ?""")) {
                statement.setTimestamp(1, Timestamp.from(before));
                statement.setInt(2, limit);
                try (var rs = statement.executeQuery()) {
                    var out = new java.util.ArrayList<LedgerEntry>();
                    while (rs.next()) {
                        out.add(read(rs));
                    }
                    return out;
                }
            }
        });
    }

    private int update(String sql, Collection<UUID> signalIds, String transactionalId) {
        if (signalIds.isEmpty()) {
            return 0;
        }
        return jdbc.execute(connection -> {
            try (var statement = connection.prepareStatement(sql)) {
                statement.setArray(1, uuids(connection, signalIds));
                statement.setString(2, transactionalId);
                return statement.executeUpdate();
            }
        });
    }

    private static boolean allOne(int[] counts) {
        for (int count : counts) {
            if (count != 1) {
                return false;
            }
        }
        return true;
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
        var signalId = rs.getObject("signal_id", UUID.class);
        var providerId = rs.getString("provider_id");
        var sourceType = rs.getString("source_type");
        var externalId = rs.getString("external_id");
        LedgerEntry.Pending pending = null;
        var transactionalId = rs.getString("pending_txn");
        if (transactionalId != null) {
            int previousVersion = rs.getInt("prev_version");
            var previous = rs.wasNull() ? null : new LedgerEntry(signalId, providerId, sourceType, externalId, previousVersion,
                    rs.getString("prev_content_hash"), rs.getTimestamp("prev_observed_at").toInstant(),
                    rs.getTimestamp("prev_received_at").toInstant(), rs.getString("prev_payload"), null);
            pending = new LedgerEntry.Pending(transactionalId, rs.getTimestamp("pending_since").toInstant(), previous);
        }
        return new LedgerEntry(signalId, providerId, sourceType, externalId, rs.getInt("version"), rs.getString("content_hash"),
                rs.getTimestamp("observed_at").toInstant(), rs.getTimestamp("received_at").toInstant(), rs.getString("payload"),
                pending);
    }

    private static Array uuids(Connection connection, Collection<UUID> ids) throws SQLException {
        return connection.createArrayOf("uuid", ids.toArray());
    }
}
