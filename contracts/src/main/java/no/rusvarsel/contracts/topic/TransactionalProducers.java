package no.rusvarsel.contracts.topic;

/**
 * Settings every transactional producer of ours shares (ingest's publisher, Kafka Streams' exactly-once producers).
 * <p>
 * {@link #RETRY_BACKOFF_MS}: a producer that begins its next transaction right after a commit finds the coordinator
 * still writing the last one's commit markers; the client then retries its first AddPartitionsToTxn after
 * min(20 ms, {@code retry.backoff.ms}). With the default 100 ms that is 20 ms on every back-to-back transaction: one
 * producer managed 60 transactions/s on the dev stack's broker (p50 22 ms), with 1 ms 400/s (p50 2.6 ms). Other
 * retries grow from this exponentially up to {@code retry.backoff.max.ms} (1 s), so a broker outage is not hammered.
 */
public final class TransactionalProducers {

    public static final int RETRY_BACKOFF_MS = 2;

    private TransactionalProducers() {
    }
}
