package no.rusvarsel.alerts.detection;

import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.context.annotation.Requires;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import no.rusvarsel.alerts.alert.AlertLifecycle;
import no.rusvarsel.contracts.detection.Detection;
import no.rusvarsel.contracts.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns detections into alert changes. Offsets are committed only after the alert transactions of the polled
 * records commit (the processed detection id in each makes a redelivery a no-op); detections are keyed by
 * episode, so one episode is always handled by one consumer thread. A detection that can never be processed is
 * dead-lettered and skipped; any other failure (database down) is retried until it succeeds, never skipped.
 */
@Requires(property = "rusvarsel.alerts.consume-detections", value = "true", defaultValue = "true")
@KafkaListener(groupId = "${rusvarsel.alerts.group-id:alert-service}", offsetReset = OffsetReset.EARLIEST,
        offsetStrategy = OffsetStrategy.SYNC, threadsValue = "${rusvarsel.alerts.consumer-threads:2}",
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_ON_ERROR, retryDelay = "2s",
                retryCountValue = "${rusvarsel.alerts.detection-retries:2147483647}", handleAllExceptions = true),
        properties = {
                @io.micronaut.context.annotation.Property(name = "key.deserializer",
                        value = "org.apache.kafka.common.serialization.StringDeserializer"),
                @io.micronaut.context.annotation.Property(name = "value.deserializer",
                        value = "org.apache.kafka.common.serialization.ByteArrayDeserializer"),
                @io.micronaut.context.annotation.Property(name = "max.poll.records", value = "100")})
public class DetectionListener {

    private static final Logger LOG = LoggerFactory.getLogger(DetectionListener.class);

    private final AlertLifecycle lifecycle;
    private final DetectionDeadLetters deadLetters;
    private final Counter applied;
    private final Counter duplicates;
    private final Counter deadLettered;

    public DetectionListener(AlertLifecycle lifecycle, DetectionDeadLetters deadLetters, MeterRegistry meters) {
        this.lifecycle = lifecycle;
        this.deadLetters = deadLetters;
        this.applied = meters.counter("rusvarsel_alert_detections_total", "outcome", "applied");
        this.duplicates = meters.counter("rusvarsel_alert_detections_total", "outcome", "duplicate");
        this.deadLettered = meters.counter("rusvarsel_alert_detections_total", "outcome", "dead_lettered");
    }

    @Topic("rusvarsel.detections.v1")
    public void receive(ConsumerRecord<String, byte[]> record) {
        Detection detection;
        try {
            detection = Topics.DETECTIONS.valueSerde().deserializer().deserialize(record.topic(), record.value());
            if (detection == null || detection.detectionId() == null || detection.rule() == null
                    || detection.severity() == null || detection.region() == null) {
                throw new SerializationException("detection lacks id, rule, severity or region");
            }
        } catch (SerializationException e) {
            poison(record, "unreadable detection", e);
            return;
        }
        try {
            lifecycle.apply(detection).ifPresentOrElse(e -> applied.increment(), duplicates::increment);
        } catch (IllegalArgumentException e) {
            poison(record, "detection cannot make an alert: " + e.getMessage(), e);
        }
    }

    private void poison(ConsumerRecord<String, byte[]> record, String reason, Exception e) {
        LOG.warn("dead-lettering detection at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), reason, e);
        deadLetters.send(record, reason, e);
        deadLettered.increment();
    }
}
