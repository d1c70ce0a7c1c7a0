package no.rusvarsel.alerts.delivery;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface DeliveryRepository extends CrudRepository<Delivery, UUID> {

    Page<Delivery> findBySubscriptionId(UUID subscriptionId, Pageable pageable);

    List<Delivery> findBySubscriptionIdAndEventId(UUID subscriptionId, String eventId);

    /** Deletes up to {@code limit} deliveries completed before {@code before} (their attempts go with them). */
    @Query("DELETE FROM delivery WHERE delivery_id IN (SELECT delivery_id FROM delivery WHERE completed_at < :before LIMIT :limit)")
    int deleteCompletedBefore(Instant before, int limit);
}
