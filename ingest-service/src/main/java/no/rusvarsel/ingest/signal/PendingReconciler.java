package no.rusvarsel.ingest.signal;

import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Settles versions left pending longer than any live request takes (its process was killed, or it lost its answer
 * from Kafka or the database): fences each one's Kafka transactional id so that its transaction is finished, then
 * keeps the versions the topic holds and undoes the others. Until then a retry of such a record gets 503, so a
 * version is in Kafka once whatever happened to the request that sent it.
 */
@Singleton
public class PendingReconciler {

    private static final Logger LOG = LoggerFactory.getLogger(PendingReconciler.class);
    static final Duration INTERVAL = Duration.ofSeconds(5);
    private static final int BATCH = 10_000;
    /** Producers stamp records with their own clock: look a little further back than the oldest pending version. */
    private static final Duration CLOCK_MARGIN = Duration.ofMinutes(5);

    /** What one round did. */
    public record Outcome(int settled, int undone) {
    }

    private final SignalLedger ledger;
    private final SignalPublisher publisher;
    private final PublishedVersions topic;
    private final TransactionOperations<Connection> transactions;
    private final MeterRegistry registry;
    private final Clock clock;

    public PendingReconciler(SignalLedger ledger, SignalPublisher publisher, PublishedVersions topic,
                             TransactionOperations<Connection> transactions, MeterRegistry registry, Clock clock) {
        this.ledger = ledger;
        this.publisher = publisher;
        this.topic = topic;
        this.transactions = transactions;
        this.registry = registry;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${rusvarsel.ingest.pending-check-interval:5s}",
            initialDelay = "${rusvarsel.ingest.pending-check-interval:5s}")
    void scheduled() {
        try {
            reconcile(clock.instant());
        } catch (RuntimeException e) {
            LOG.warn("pending ledger versions not settled this round, will retry: {}", e.toString());
        }
    }

    /** Settles the versions pending since before {@code now} minus the longest request. */
    public Outcome reconcile(Instant now) {
        var pending = transactions.execute(TransactionDefinition.READ_ONLY,
                status -> ledger.pendingSince(now.minus(publisher.longestRequest()), BATCH));
        if (pending.isEmpty()) {
            return new Outcome(0, 0);
        }
        var byTransaction = pending.stream().collect(Collectors.groupingBy(e -> e.pending().transactionalId(),
                LinkedHashMap::new, Collectors.toList()));
        byTransaction.keySet().forEach(publisher::fence);
        var wanted = pending.stream().map(e -> new PublishedVersions.Version(e.signalId(), e.version())).collect(Collectors.toSet());
        var oldest = pending.stream().map(e -> e.pending().since()).min(Comparator.naturalOrder()).orElseThrow();
        var found = topic.find(wanted, oldest.minus(CLOCK_MARGIN), Duration.ofMinutes(5));
        int settled = 0;
        int undone = 0;
        for (var entry : byTransaction.entrySet()) {
            var inKafka = ids(entry.getValue(), found, true);
            var absent = ids(entry.getValue(), found, false);
            int[] counts = transactions.execute(TransactionDefinition.DEFAULT, status -> new int[]{
                    ledger.settle(inKafka, entry.getKey()), ledger.rollBack(absent, entry.getKey())});
            settled += counts[0];
            undone += counts[1];
        }
        registry.counter("rusvarsel.ingest.pending.versions", "outcome", "settled").increment(settled);
        registry.counter("rusvarsel.ingest.pending.versions", "outcome", "undone").increment(undone);
        LOG.info("settled {} pending versions found in Kafka and undid {} that never reached it ({} transactional ids fenced)",
                settled, undone, byTransaction.size());
        return new Outcome(settled, undone);
    }

    private static List<UUID> ids(List<LedgerEntry> entries, Set<PublishedVersions.Version> found, boolean inKafka) {
        return entries.stream()
                .filter(e -> found.contains(new PublishedVersions.Version(e.signalId(), e.version())) == inKafka)
                .map(LedgerEntry::signalId).toList();
    }
}
