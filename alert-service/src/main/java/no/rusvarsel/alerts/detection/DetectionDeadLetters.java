package no.rusvarsel.alerts.detection;

import jakarta.inject.Singleton;
import no.rusvarsel.alerts.config.KafkaWriter;
import no.rusvarsel.contracts.deadletter.DeadLetter;
import no.rusvarsel.contracts.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Clock;
import java.util.Base64;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Writes a detection the service cannot process to the dead-letter topic, waiting for the acknowledgement. */
@Singleton
public class DetectionDeadLetters {

    private final KafkaWriter producer;
    private final Clock clock;

    public DetectionDeadLetters(KafkaWriter producer, Clock clock) {
        this.producer = producer;
        this.clock = clock;
    }

    public void send(ConsumerRecord<String, byte[]> record, String reason, Exception e) {
        var letter = new DeadLetter("alert-service", record.topic(), record.partition(), record.offset(), record.key(),
                record.value() == null ? null : Base64.getEncoder().encodeToString(record.value()), reason,
                e.getClass().getName() + ": " + e.getMessage(), clock.instant());
        var bytes = Topics.DETECTIONS_DLQ.valueSerde().serializer().serialize(Topics.DETECTIONS_DLQ.name(), letter);
        try {
            producer.send(Topics.DETECTIONS_DLQ.name(), record.key(), bytes).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering", ie);
        } catch (ExecutionException | TimeoutException ex) {
            // not written: let the listener retry the record rather than lose it
            throw new IllegalStateException("could not dead-letter detection at offset " + record.offset(), ex);
        }
    }

}
