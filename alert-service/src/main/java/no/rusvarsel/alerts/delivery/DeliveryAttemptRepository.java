package no.rusvarsel.alerts.delivery;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface DeliveryAttemptRepository extends CrudRepository<DeliveryAttempt, Long> {

    List<DeliveryAttempt> findByDeliveryIdInOrderByAttempt(Collection<UUID> deliveryIds);
}
