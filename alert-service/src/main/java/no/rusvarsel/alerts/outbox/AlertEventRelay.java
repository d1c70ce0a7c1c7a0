package no.rusvarsel.alerts.outbox;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import no.rusvarsel.alerts.config.KafkaWriter;
import no.rusvarsel.alerts.alert.AlertEventRecord;
import no.rusvarsel.alerts.alert.AlertEventRepository;
import no.rusvarsel.contracts.topic.Topics;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Outbox relay: publishes alert changes to {@code rusvarsel.alerts.v1} in commit order, keyed by alert id, and
 * marks them published only after Kafka acknowledged them (at least once; consumers dedupe by {@code eventId}).
 * One instance relays at a time (a transaction-scoped advisory lock).
 */
@Singleton
@Requires(property = "rusvarsel.alerts.relay.enabled", value = "true", defaultValue = "true")
public class AlertEventRelay {

    private static final Logger LOG = LoggerFactory.getLogger(AlertEventRelay.class);
    private static final int BATCH = 500;

    private final AlertEventRepository events;
    private final KafkaWriter producer;
    private final Clock clock;

    public AlertEventRelay(AlertEventRepository events, KafkaWriter producer, Clock clock) {
        this.events = events;
        this.producer = producer;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${rusvarsel.alerts.relay.interval:200ms}", initialDelay = "1s")
    void relay() {
        try {
            while (relayBatch() == BATCH) {
                // keep going while there is a backlog
            }
        } catch (RuntimeException e) {
            LOG.warn("alert events not relayed yet, will retry: {}", e.toString());
        }
    }

    /** @return how many events were published */
    @Transactional
    public int relayBatch() {
        if (!events.tryLockRelay()) {
            return 0;
        }
        var batch = events.findUnpublished(BATCH);
        if (batch.isEmpty()) {
            return 0;
        }
        var sends = new ArrayList<Future<RecordMetadata>>();
        for (AlertEventRecord e : batch) {
            var value = Topics.ALERTS.valueSerde().serializer().serialize(Topics.ALERTS.name(), e.event());
            sends.add(producer.send(Topics.ALERTS.name(), e.alertId(), value));
        }
        try {
            for (var send : sends) {
                send.get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while relaying alert events", e);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not take the alert events", e);
        }
        events.markPublished(batch.stream().map(AlertEventRecord::position).toList(), clock.instant());
        return batch.size();
    }
}
