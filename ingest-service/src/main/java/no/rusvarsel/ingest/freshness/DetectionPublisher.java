package no.rusvarsel.ingest.freshness;

import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import no.rusvarsel.contracts.detection.Detection;
import no.rusvarsel.contracts.topic.Topic;
import no.rusvarsel.contracts.topic.TopicProvisioner;
import no.rusvarsel.contracts.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Writes operational detections to {@code rusvarsel.detections.v1} (acks=all, idempotent), creating the topic if missing. */
@Singleton
public class DetectionPublisher {

    private final String bootstrapServers;
    private final short replicationFactor;
    private KafkaProducer<String, Detection> producer;

    public DetectionPublisher(@Value("${kafka.bootstrap.servers}") String bootstrapServers,
                              @Value("${rusvarsel.freshness.replication-factor:1}") short replicationFactor) {
        this.bootstrapServers = bootstrapServers;
        this.replicationFactor = replicationFactor;
    }

    /** Sends and waits for the broker's acknowledgement. */
    public synchronized void publish(String key, Detection detection) {
        try {
            producer().send(new ProducerRecord<>(Topics.DETECTIONS.name(), key, detection)).get(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing a detection", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not take the detection: " + e.getMessage(), e);
        }
    }

    private KafkaProducer<String, Detection> producer() throws ExecutionException, InterruptedException {
        if (producer == null) {
            try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
                TopicProvisioner.ensure(admin, List.<Topic<?, ?>>of(Topics.DETECTIONS), replicationFactor);
            }
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000),
                    Topics.DETECTIONS.keySerde().serializer(), Topics.DETECTIONS.valueSerde().serializer());
        }
        return producer;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
