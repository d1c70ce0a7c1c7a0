package no.rusvarsel.ingest.signal;

import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import no.rusvarsel.contracts.signal.SignalEnvelope;
import no.rusvarsel.contracts.topic.Topics;
import no.rusvarsel.contracts.topic.TransactionalProducers;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
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
 * Writes requests' signal envelopes to {@code rusvarsel.signals.v1} in Kafka transactions (acks=all, idempotent), keyed
 * by county: either all of a request's envelopes become visible to read_committed consumers or none.
 * <p>
 * Requests that publish at the same time share one transaction (group commit): a request joins the open
 * {@link Group} before it writes its ledger rows, so that it knows the transactional id that will carry its
 * signals; the first to submit its envelopes leads, waits for the group's other members to submit theirs (and
 * {@code group-linger} for more to join), then sends them all and commits once for everyone. A small pool of
 * producers lets groups commit concurrently. A transactional id is never reused by another producer, so that fencing
 * one (see {@link #fence}) can only stop the producer that left it behind.
 */
@Singleton
public class SignalPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(SignalPublisher.class);
    /** A group takes no more members once it holds this many envelopes (a request has at most 10 000 by default). */
    static final int GROUP_ENVELOPES = 5000;
    static final int GROUP_MEMBERS = 64;

    private final Map<String, Object> config;
    private final BlockingQueue<Producer<String, SignalEnvelope>> idle;
    private final Map<Producer<String, SignalEnvelope>, String> transactionalIds = new ConcurrentHashMap<>();
    private final String transactionalIdPrefix = "rusvarsel-ingest-" + UUID.randomUUID() + "-";
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicInteger created = new AtomicInteger();
    /** Groups sending or committing now. */
    private final AtomicInteger committing = new AtomicInteger();
    private final int poolSize;
    private final Duration timeout;
    private final long lingerNanos;
    private Group open; // guarded by this

    public SignalPublisher(@Value("${kafka.bootstrap.servers}") String bootstrapServers,
                           @Value("${rusvarsel.ingest.kafka.timeout:10s}") Duration timeout,
                           @Value("${rusvarsel.ingest.kafka.producers:4}") int poolSize,
                           @Value("${rusvarsel.ingest.kafka.group-linger:3ms}") Duration groupLinger) {
        int millis = (int) timeout.toMillis();
        this.config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, millis,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, millis,
                // delivery.timeout.ms must cover linger.ms + request.timeout.ms
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(500, Math.min(millis / 2, 5000)),
                // the group lingers; the commit then sends at once
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 60_000,
                ProducerConfig.RETRY_BACKOFF_MS_CONFIG, TransactionalProducers.RETRY_BACKOFF_MS);
        this.poolSize = poolSize;
        this.idle = new ArrayBlockingQueue<>(poolSize);
        this.timeout = timeout;
        this.lingerNanos = groupLinger.toNanos();
    }

    /**
     * How long a request can take from leasing a producer to its transaction's end: a version pending for longer
     * was left behind (its process died, or it lost its answer from Kafka).
     */
    public Duration longestRequest() {
        return timeout.multipliedBy(3);
    }

    /**
     * Joins the open transaction group (or opens one) for one request.
     *
     * @throws PublishFailedException (nothing sent) when Kafka cannot be reached
     */
    public Lease lease() {
        Group group;
        boolean opened = false;
        synchronized (this) {
            group = open;
            if (group == null || !group.join()) {
                group = new Group();
                group.join();
                open = group;
                opened = true;
            }
        }
        if (opened) {
            group.start();
        }
        group.awaitProducer();
        return new Lease(group);
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

    /** One request's place in a transaction group: publish once (or not at all), then close. */
    public final class Lease implements AutoCloseable {
        private final Group group;
        private boolean submitted;
        private boolean closed;

        private Lease(Group group) {
            this.group = group;
        }

        public String transactionalId() {
            return group.transactionalId;
        }

        /**
         * Publishes these envelopes in the group's transaction, together with the other members'; returns once it is
         * committed.
         *
         * @throws PublishFailedException when Kafka did not confirm them; {@link PublishFailedException#mayHaveCommitted()}
         *                                tells whether the transaction may still have been committed
         */
        public void publish(List<SignalEnvelope> envelopes) {
            submitted = true;
            if (group.submit(envelopes)) {
                group.lead();
            }
            group.awaitOutcome();
        }

        /** Don't reuse this producer: the ledger could not be told the outcome of its transaction. */
        public void discard() {
            group.discard();
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                group.leave(submitted);
            }
        }
    }

    /**
     * The requests sharing one transaction. It takes members until its first member submits plus the linger (or until
     * it is full); its leader, the first to submit, then waits for every member still writing its ledger rows (up to
     * the Kafka timeout: a later one misses the transaction and is told nothing was sent), and commits. The producer
     * goes back to the pool when every member has closed its lease, so that one whose settle failed can still discard it.
     */
    private final class Group {
        private enum State { OPEN, COMMITTING, DONE }

        private Producer<String, SignalEnvelope> producer;
        private String transactionalId;
        private PublishFailedException noProducer;
        private boolean ready;
        private State state = State.OPEN;
        private final List<SignalEnvelope> envelopes = new ArrayList<>();
        private int leases;
        private int preparing;
        private int submitters;
        private long firstSubmit;
        private PublishFailedException failure;
        private boolean reusable = true;

        synchronized boolean join() {
            if (state != State.OPEN || leases >= GROUP_MEMBERS || envelopes.size() >= GROUP_ENVELOPES
                    || (submitters > 0 && System.nanoTime() - firstSubmit >= lingerNanos)) {
                return false;
            }
            leases++;
            preparing++;
            return true;
        }

        /** Takes a producer for the group (outside the publisher's lock: creating one may wait for Kafka). */
        void start() {
            Producer<String, SignalEnvelope> borrowed = null;
            PublishFailedException failed = null;
            try {
                borrowed = borrow();
            } catch (PublishFailedException e) {
                failed = e;
            } catch (RuntimeException e) { // never leave the members waiting for a producer that will not come
                failed = new PublishFailedException("cannot reach Kafka: " + e.getMessage(), e, false);
            }
            synchronized (this) {
                producer = borrowed;
                transactionalId = borrowed == null ? null : transactionalIds.get(borrowed);
                noProducer = failed;
                if (failed != null) {
                    state = State.DONE;
                }
                ready = true;
                notifyAll();
            }
        }

        synchronized void awaitProducer() {
            boolean interrupted = false;
            while (!ready) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (noProducer != null) {
                throw noProducer;
            }
        }

        /** Adds a member's envelopes; true if it is the first, which leads the group. */
        synchronized boolean submit(List<SignalEnvelope> mine) {
            if (state != State.OPEN) {
                preparing--;
                var missed = new PublishFailedException("the transaction this request was to join was committed without it", null, false);
                missed.missed = true;
                throw missed;
            }
            envelopes.addAll(mine);
            preparing--;
            if (submitters++ == 0) {
                firstSubmit = System.nanoTime();
            }
            notifyAll();
            return submitters == 1;
        }

        /** The leader: waits for the other members, then sends everything and commits once. */
        void lead() {
            synchronized (this) {
                // linger for more members only while other groups are committing; with Kafka idle, commit at once
                long lingerUntil = committing.get() > 0 ? firstSubmit + lingerNanos : firstSubmit;
                long stragglersUntil = firstSubmit + timeout.toNanos();
                boolean interrupted = false;
                while (true) {
                    long now = System.nanoTime();
                    boolean full = envelopes.size() >= GROUP_ENVELOPES || leases >= GROUP_MEMBERS;
                    if ((preparing == 0 && (now >= lingerUntil || full)) || now >= stragglersUntil) {
                        break;
                    }
                    long wait = preparing == 0 ? lingerUntil - now : stragglersUntil - now;
                    try {
                        TimeUnit.NANOSECONDS.timedWait(this, Math.max(wait, 1));
                    } catch (InterruptedException e) {
                        interrupted = true;
                        break;
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                state = State.COMMITTING;
            }
            PublishFailedException failed = null;
            boolean committed = false;
            committing.incrementAndGet();
            try {
                producer.beginTransaction();
                for (var envelope : envelopes) {
                    producer.send(new ProducerRecord<>(Topics.SIGNALS.name(), envelope.county(), envelope));
                }
                committed = true;
                producer.commitTransaction();
            } catch (RuntimeException e) {
                if (!committed) {
                    try {
                        producer.abortTransaction();
                    } catch (RuntimeException ignored) {
                        // the broker is probably unreachable; without a commit the transaction can only abort
                    }
                }
                failed = new PublishFailedException("Kafka did not confirm the signals: " + e.getMessage(), e, committed);
            } finally {
                committing.decrementAndGet();
            }
            finish(failed);
        }

        private void finish(PublishFailedException failed) {
            boolean release;
            synchronized (this) {
                failure = failed;
                if (failed != null) {
                    reusable = false;
                }
                state = State.DONE;
                release = leases == 0;
                notifyAll();
            }
            if (release) {
                giveBack(producer, reusable);
            }
        }

        synchronized void awaitOutcome() {
            long until = System.nanoTime() + longestRequest().toNanos();
            try {
                while (state != State.DONE) {
                    long left = until - System.nanoTime();
                    if (left <= 0) {
                        throw new PublishFailedException("no outcome from Kafka in time", null, true);
                    }
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PublishFailedException("interrupted while Kafka committed the signals", e, state != State.OPEN);
            }
            if (failure != null) {
                throw failure;
            }
        }

        synchronized void discard() {
            reusable = false;
        }

        /** A member closes its lease: without having submitted it withdraws; the last one out returns the producer. */
        void leave(boolean submitted) {
            boolean release;
            synchronized (this) {
                leases--;
                if (!submitted) {
                    preparing--;
                }
                if (state == State.OPEN && leases == 0 && submitters == 0) {
                    state = State.DONE; // everyone withdrew: no transaction
                }
                release = state == State.DONE && leases == 0 && producer != null;
                notifyAll();
            }
            if (release) {
                giveBack(producer, reusable);
            }
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
        private boolean missed;

        PublishFailedException(String message, Throwable cause, boolean mayHaveCommitted) {
            super(message, cause);
            this.mayHaveCommitted = mayHaveCommitted;
        }

        /** False: nothing is or will become visible. True: the commit was sent and its outcome is unknown. */
        public boolean mayHaveCommitted() {
            return mayHaveCommitted;
        }

        /** The request was too late for its group's transaction (nothing of it sent): it may try again at once. */
        public boolean missed() {
            return missed;
        }
    }
}
