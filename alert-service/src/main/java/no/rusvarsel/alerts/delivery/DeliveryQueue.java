package no.rusvarsel.alerts.delivery;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import no.rusvarsel.alerts.subscription.Subscription;
import no.rusvarsel.alerts.subscription.SubscriptionRepository;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The persistent delivery queue in PostgreSQL. Queueing joins the caller's transaction; claiming takes due rows
 * with {@code FOR UPDATE SKIP LOCKED} and leases them in a short transaction of its own, so no transaction is open
 * while a message is on its way; completing records the attempt only if the lease is still the worker's own.
 */
@Singleton
public class DeliveryQueue {

    private final JdbcOperations jdbc;
    private final SubscriptionRepository subscriptions;

    public DeliveryQueue(JdbcOperations jdbc, SubscriptionRepository subscriptions) {
        this.jdbc = jdbc;
        this.subscriptions = subscriptions;
    }

    /** Queues a message, due at once; empty when the subscription already has one for this event. */
    @Transactional
    public Optional<UUID> enqueue(Subscription s, String eventId, String type, @Nullable String alertId, String payload,
                                  Instant now) {
        var id = UUID.randomUUID();
        var messageId = "msg_" + id.toString().replace("-", "");
        int inserted = jdbc.prepareStatement("""
                INSERT INTO delivery (delivery_id, subscription_id, event_id, message_id, type, alert_id, channel, payload,
                                      status, attempts, next_attempt_at, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ?)
                ON CONFLICT (subscription_id, event_id) DO NOTHING""", st -> {
            st.setObject(1, id);
            st.setObject(2, s.subscriptionId());
            st.setString(3, eventId);
            st.setString(4, messageId);
            st.setString(5, type);
            st.setString(6, alertId);
            st.setString(7, s.channel().name());
            st.setString(8, payload);
            setInstant(st, 9, now);
            setInstant(st, 10, now);
            setInstant(st, 11, now);
            return st.executeUpdate();
        });
        return inserted == 1 ? Optional.of(id) : Optional.empty();
    }

    /** Leases up to {@code limit} due deliveries to this worker until {@code now + lease}, counting the attempt. */
    @Transactional
    public List<Delivery> claim(int limit, Duration lease, Instant now) {
        return jdbc.prepareStatement("""
                UPDATE delivery d SET locked_until = ?, lease_token = gen_random_uuid(), attempts = d.attempts + 1, updated_at = ?
                WHERE d.delivery_id IN (
                    SELECT delivery_id FROM delivery
                    WHERE status = 'PENDING' AND next_attempt_at <= ? AND (locked_until IS NULL OR locked_until < ?)
                    ORDER BY next_attempt_at
                    LIMIT ?
                    FOR UPDATE SKIP LOCKED)
                RETURNING d.*""", st -> {
            setInstant(st, 1, now.plus(lease));
            setInstant(st, 2, now);
            setInstant(st, 3, now);
            setInstant(st, 4, now);
            st.setInt(5, limit);
            try (var rs = st.executeQuery()) {
                return jdbc.entityStream(rs, Delivery.class).toList();
            }
        });
    }

    /**
     * Records an attempt and the delivery's new state; on GONE also disables the subscription and cancels its
     * other queued messages. False when the lease was lost (another worker took over, or the subscription was deleted).
     */
    @Transactional
    public boolean complete(Delivery claimed, Decision decision, AttemptResult result, Instant attemptedAt,
                            Duration took, Instant now) {
        // one statement: the new state, and the attempt in the log only if the lease was still ours
        int recorded = jdbc.prepareStatement("""
                WITH done AS (
                    UPDATE delivery SET status = ?, next_attempt_at = ?, locked_until = NULL, lease_token = NULL,
                                        last_status_code = ?, last_error = ?, updated_at = ?, completed_at = ?
                    WHERE delivery_id = ? AND lease_token = ?
                    RETURNING delivery_id, attempts)
                INSERT INTO delivery_attempt (delivery_id, attempt, attempted_at, duration_ms, outcome, status_code, error,
                                              response_excerpt, next_attempt_at)
                SELECT delivery_id, attempts, ?, ?, ?, ?, ?, ?, ? FROM done""", st -> {
            st.setString(1, decision.status().name());
            setInstant(st, 2, decision.nextAttemptAt());
            setInteger(st, 3, result.statusCode());
            st.setString(4, result.error());
            setInstant(st, 5, now);
            setInstant(st, 6, decision.status() == DeliveryStatus.PENDING ? null : now);
            st.setObject(7, claimed.deliveryId());
            st.setObject(8, claimed.leaseToken());
            setInstant(st, 9, attemptedAt);
            st.setLong(10, took.toMillis());
            st.setString(11, decision.outcome().name());
            setInteger(st, 12, result.statusCode());
            st.setString(13, result.error());
            st.setString(14, result.responseExcerpt());
            setInstant(st, 15, decision.nextAttemptAt());
            return st.executeUpdate();
        });
        if (recorded == 0) {
            return false;
        }
        if (decision.outcome() == Outcome.GONE) {
            subscriptions.disable(claimed.subscriptionId(), result.error(), now);
            cancelPending(claimed.subscriptionId(), "subscription disabled: " + result.error(), now);
        }
        return true;
    }

    /** Gives up a claimed delivery without attempting it (its subscription is disabled or gone). */
    @Transactional
    public void cancel(Delivery claimed, String reason, Instant now) {
        jdbc.prepareStatement("""
                UPDATE delivery SET status = 'CANCELLED', attempts = attempts - 1, next_attempt_at = NULL, locked_until = NULL,
                                    lease_token = NULL, last_error = ?, updated_at = ?, completed_at = ?
                WHERE delivery_id = ? AND lease_token = ?""", st -> {
            st.setString(1, reason);
            setInstant(st, 2, now);
            setInstant(st, 3, now);
            st.setObject(4, claimed.deliveryId());
            st.setObject(5, claimed.leaseToken());
            return st.executeUpdate();
        });
    }

    /** Cancels a subscription's queued messages that no worker holds now; a held one is cancelled when claimed next. */
    @Transactional
    public int cancelPending(UUID subscriptionId, String reason, Instant now) {
        return jdbc.prepareStatement("""
                UPDATE delivery SET status = 'CANCELLED', next_attempt_at = NULL, last_error = ?, updated_at = ?, completed_at = ?
                WHERE subscription_id = ? AND status = 'PENDING' AND (locked_until IS NULL OR locked_until < ?)""", st -> {
            st.setString(1, reason);
            setInstant(st, 2, now);
            setInstant(st, 3, now);
            st.setObject(4, subscriptionId);
            setInstant(st, 5, now);
            return st.executeUpdate();
        });
    }

    private static void setInteger(PreparedStatement st, int index, @Nullable Integer value) throws SQLException {
        if (value == null) {
            st.setNull(index, Types.INTEGER);
        } else {
            st.setInt(index, value);
        }
    }

    private static void setInstant(PreparedStatement st, int index, @Nullable Instant instant) throws SQLException {
        if (instant == null) {
            st.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            st.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
        }
    }
}
