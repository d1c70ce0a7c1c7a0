package no.rusvarsel.alerts.subscription;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.PageableRepository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SubscriptionRepository extends PageableRepository<Subscription, UUID> {

    List<Subscription> findByStatus(SubscriptionStatus status);

    List<Subscription> findBySubscriptionIdIn(Collection<UUID> ids);

    Page<Subscription> findByOwner(String owner, Pageable pageable);

    long countByOwner(String owner);

    /** Disables an active subscription; 0 when it was not active (or is gone). */
    @Query("UPDATE subscription SET status = 'DISABLED', disabled_reason = :reason, disabled_at = :at, updated_at = :at"
            + " WHERE subscription_id = :subscriptionId AND status = 'ACTIVE'")
    int disable(UUID subscriptionId, String reason, Instant at);
}
