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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a request's signal envelopes to {@code rusvarsel.signals.v1} in one Kafka transaction (acks=all,
 * idempotent), keyed by county: either all of them become visible to read_committed consumers or none.
 * A small pool of transactional producers lets requests publish concurrently; a request leases one, so that its
 * transactional id can be written into the ledger before anything is sent. A transactional id is never reused by
 * another producer, so that fencing one (see {@link #fence}) can only stop the producer that left it behind.
 */
@Singleton
public class SignalPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(SignalPublisher.class);

    private final Map<String, Object> config;
    private final BlockingQueue<Producer<String, SignalEnvelope>> idle;
    private final Map<Producer<String, SignalEnvelope>, String> transactionalIds = new ConcurrentHashMap<>();
    private final String transactionalIdPrefix = "rusvarsel-ingest-" + UUID.randomUUID() + "-";
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicInteger created = new AtomicInteger();
    private final int poolSize;
    private final Duration timeout;

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
        this.timeout = timeout;
    }

    /**
     * How long a request can take from leasing a producer to its transaction's end: a version pending for longer
     * was left behind (its process died, or it lost its answer from Kafka).
     */
    public Duration longestRequest() {
        return timeout.multipliedBy(3);
    }

    /**
     * Leases a producer for one request's transaction.
     *
     * @throws PublishFailedException (nothing sent) when Kafka cannot be reached
     */
    public Lease lease() {
        return new Lease(borrow());
    }

    /**
     * Fences a transactional id: a producer still holding it can no longer write, and its open transaction is
     * aborted (or its commit completed), so that what it wrote is settled for read_committed readers when this returns.
     */
    public void fence(String transactionalId) {
        var props = new java.util.HashMap<>(config);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        try (var producer = new KafkaProducer<>(props, Topics.SIGNALS.keySerde().serializer(), Topics.SIGNALS.valueSerde().serializer())) {
            producer.initTransactions();
        }
    }

    /** One request's producer: publish once, then close; a producer whose outcome is in doubt is not reused. */
    public final class Lease implements AutoCloseable {
        private final Producer<String, SignalEnvelope> producer;
        private boolean reusable = true;

        private Lease(Producer<String, SignalEnvelope> producer) {
            this.producer = producer;
        }

        public String transactionalId() {
            return transactionalIds.get(producer);
        }

        /**
         * Publishes all envelopes in one transaction, keyed by county.
         *
         * @throws PublishFailedException when Kafka did not confirm them; {@link PublishFailedException#mayHaveCommitted()}
         *                                tells whether the transaction may still have been committed
         */
        public void publish(List<SignalEnvelope> envelopes) {
            boolean committing = false;
            try {
                producer.beginTransaction();
                for (var envelope : envelopes) {
                    producer.send(new ProducerRecord<>(Topics.SIGNALS.name(), envelope.county(), envelope));
                }
                committing = true;
                producer.commitTransaction();
            } catch (RuntimeException e) {
                reusable = false;
                if (!committing) {
                    try {
                        producer.abortTransaction();
                    } catch (RuntimeException ignored) {
                        // the broker is probably unreachable; without a commit the transaction can only abort
                    }
                }
                throw new PublishFailedException("Kafka did not confirm the signals: " + e.getMessage(), e, committing);
            }
        }

        /** Don't put this producer back: the ledger could not be told the outcome of its transaction. */
        public void discard() {
            reusable = false;
        }

        @Override
        public void close() {
            giveBack(producer, reusable);
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
            throw new PublishFailedException("no Kafka producer free", null, false);
        }
        return producer;
    }

    private Producer<String, SignalEnvelope> create() {
        created.incrementAndGet();
        var transactionalId = transactionalIdPrefix + sequence.incrementAndGet();
        var props = new java.util.HashMap<>(config);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        KafkaProducer<String, SignalEnvelope> producer = null;
        try {
            producer = new KafkaProducer<>(props, Topics.SIGNALS.keySerde().serializer(), Topics.SIGNALS.valueSerde().serializer());
            producer.initTransactions();
            transactionalIds.put(producer, transactionalId);
            return producer;
        } catch (RuntimeException e) {
            if (producer != null) {
                producer.close(Duration.ZERO);
            }
            created.decrementAndGet();
            throw new PublishFailedException("cannot reach Kafka: " + e.getMessage(), e, false);
        }
    }

    private void giveBack(Producer<String, SignalEnvelope> producer, boolean healthy) {
        if (healthy && idle.offer(producer)) {
            return;
        }
        transactionalIds.remove(producer);
        producer.close(Duration.ofSeconds(1));
        created.decrementAndGet();
        if (!healthy) {
            LOG.warn("replaced a Kafka producer whose last transaction failed or could not be recorded");
        }
    }

    @PreDestroy
    void close() {
        Producer<String, SignalEnvelope> producer;
        while ((producer = idle.poll()) != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Kafka could not take a request's signals. */
    public static final class PublishFailedException extends RuntimeException {
        private final boolean mayHaveCommitted;

        PublishFailedException(String message, Throwable cause, boolean mayHaveCommitted) {
            super(message, cause);
            this.mayHaveCommitted = mayHaveCommitted;
        }

        /** False: nothing is or will become visible. True: the commit was sent and its outcome is unknown. */
        public boolean mayHaveCommitted() {
            return mayHaveCommitted;
        }
    }
}
