package no.rusvarsel.ingest.signal;

import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import no.rusvarsel.contracts.signal.SignalEnvelope;
import no.rusvarsel.contracts.topic.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes a request's signal envelopes to {@code rusvarsel.signals.v1} in one Kafka transaction (acks=all,
 * idempotent), keyed by county: either all of them become visible to read_committed consumers or none.
 * A small pool of transactional producers lets requests publish concurrently.
 */
@Singleton
public class SignalPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(SignalPublisher.class);

    private final Map<String, Object> config;
    private final BlockingQueue<Producer<String, SignalEnvelope>> idle;
    private final String transactionalIdPrefix = "rusvarsel-ingest-" + UUID.randomUUID() + "-";
    private final AtomicInteger created = new AtomicInteger();
    private final int poolSize;

    public SignalPublisher(@Value("${kafka.bootstrap.servers}") String bootstrapServers,
                           @Value("${rusvarsel.ingest.kafka.timeout:10s}") Duration timeout,
                           @Value("${rusvarsel.ingest.kafka.producers:4}") int poolSize) {
        int millis = (int) timeout.toMillis();
        this.config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, millis,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, millis,
                // delivery.timeout.ms must cover linger.ms + request.timeout.ms
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(500, Math.min(millis / 2, 5000)),
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 60_000);
        this.poolSize = poolSize;
        this.idle = new ArrayBlockingQueue<>(poolSize);
    }

    /**
     * Publishes all envelopes in one transaction, keyed by county.
     *
     * @throws PublishFailedException when Kafka did not take them; nothing of this call is then visible
     */
    public void publish(List<SignalEnvelope> envelopes) {
        if (envelopes.isEmpty()) {
            return;
        }
        var producer = borrow();
        boolean healthy = false;
        try {
            producer.beginTransaction();
            for (var envelope : envelopes) {
                producer.send(new ProducerRecord<>(Topics.SIGNALS.name(), envelope.county(), envelope));
            }
            producer.commitTransaction();
            healthy = true;
        } catch (RuntimeException e) {
            // after a failed transaction the producer's state is unknown: abort if we can and replace it
            try {
                producer.abortTransaction();
            } catch (RuntimeException ignored) {
                // the broker is probably unreachable; closing the producer is enough
            }
            throw new PublishFailedException("Kafka did not accept the signals: " + e.getMessage(), e);
        } finally {
            giveBack(producer, healthy);
        }
    }

    private Producer<String, SignalEnvelope> borrow() {
        var producer = idle.poll();
        if (producer != null) {
            return producer;
        }
        if (created.get() < poolSize) {
            return create();
        }
        try {
            producer = idle.poll(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (producer == null) {
            throw new PublishFailedException("no Kafka producer free", null);
        }
        return producer;
    }

    private Producer<String, SignalEnvelope> create() {
        created.incrementAndGet();
        var props = new java.util.HashMap<>(config);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalIdPrefix + created.get());
        KafkaProducer<String, SignalEnvelope> producer = null;
        try {
            producer = new KafkaProducer<>(props, Topics.SIGNALS.keySerde().serializer(), Topics.SIGNALS.valueSerde().serializer());
            producer.initTransactions();
            return producer;
        } catch (RuntimeException e) {
            if (producer != null) {
                producer.close(Duration.ZERO);
            }
            created.decrementAndGet();
            throw new PublishFailedException("cannot reach Kafka: " + e.getMessage(), e);
        }
    }

    private void giveBack(Producer<String, SignalEnvelope> producer, boolean healthy) {
        if (healthy && idle.offer(producer)) {
            return;
        }
        producer.close(Duration.ofSeconds(1));
        created.decrementAndGet();
        if (!healthy) {
            LOG.warn("replaced a Kafka producer after a failed transaction");
        }
    }

    @PreDestroy
    void close() {
        Producer<String, SignalEnvelope> producer;
        while ((producer = idle.poll()) != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Kafka could not take a request's signals; nothing of them is visible. */
    public static final class PublishFailedException extends RuntimeException {
        PublishFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
