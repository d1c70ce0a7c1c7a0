package no.rusvarsel.ingest.signal;

import no.rusvarsel.contracts.signal.SeizureReport;
import no.rusvarsel.contracts.signal.SignalEnvelope;
import no.rusvarsel.contracts.signal.SignalIds;
import no.rusvarsel.contracts.signal.SourceType;
import no.rusvarsel.contracts.topic.TopicProvisioner;
import no.rusvarsel.contracts.topic.Topics;
import no.rusvarsel.infra.SharedInfra;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Group commit on the real broker: requests that publish at the same time share one transaction, a request that
 * withdraws holds nobody up, and one too late for its group is told that nothing of it was sent.
 */
class SignalPublisherIT {

    private SignalPublisher publisher;

    @BeforeAll
    static void signalsTopic() throws Exception {
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfra.get().kafka().bootstrapServers()))) {
            TopicProvisioner.ensure(admin, List.of(Topics.SIGNALS), (short) 1);
        }
    }

    @AfterEach
    void close() {
        publisher.close();
    }

    private SignalPublisher publisher(Duration timeout, Duration linger) {
        publisher = new SignalPublisher(SharedInfra.get().kafka().bootstrapServers(), timeout, 4, linger);
        return publisher;
    }

    @Test
    void shouldCommitRequestsThatPublishTogetherInOneTransaction() throws Exception {
        // Given two requests that joined before either published
        var publisher = publisher(Duration.ofSeconds(10), Duration.ofMillis(3));
        var first = publisher.lease();
        var second = publisher.lease();
        assertThat(second.transactionalId()).isEqualTo(first.transactionalId());
        var a = envelope();
        var b = envelope();

        // When the first publishes, it waits for the second; then both publish
        var firstDone = CompletableFuture.runAsync(() -> first.publish(List.of(a)));
        Thread.sleep(300); // time enough to commit, were it not waiting for the second
        assertThat(firstDone).isNotDone();
        assertThat(SignalsTopic.of(a.signalId())).isEmpty();
        second.publish(List.of(b));
        firstDone.get(10, TimeUnit.SECONDS);
        first.close();
        second.close();

        // Then both are committed, once each
        assertThat(SignalsTopic.of(a.signalId())).hasSize(1);
        assertThat(SignalsTopic.of(b.signalId())).hasSize(1);
    }

    @Test
    void shouldCommitWithoutAMemberThatWithdraws() throws Exception {
        // Given two requests in one group, one of which finds nothing new to publish
        var publisher = publisher(Duration.ofSeconds(10), Duration.ofMillis(3));
        var publishing = publisher.lease();
        var withdrawing = publisher.lease();
        var a = envelope();
        var firstDone = CompletableFuture.runAsync(() -> publishing.publish(List.of(a)));
        Thread.sleep(200); // the publishing member now waits for the other
        assertThat(firstDone).isNotDone();

        // When the other closes its lease without publishing
        withdrawing.close();

        // Then the publishing request's transaction commits
        firstDone.get(10, TimeUnit.SECONDS);
        publishing.close();
        assertThat(SignalsTopic.of(a.signalId())).hasSize(1);
        // and the next request gets a transaction of its own, the producer back in the pool
        var next = publisher.lease();
        var c = envelope();
        next.publish(List.of(c));
        next.close();
        assertThat(SignalsTopic.of(c.signalId())).hasSize(1);
    }

    @Test
    void shouldTellAMemberTooLateForItsTransactionThatNothingWasSent() throws Exception {
        // Given a group whose leader waits at most 1 s for its other member
        var publisher = publisher(Duration.ofSeconds(1), Duration.ofMillis(3));
        var leader = publisher.lease();
        var late = publisher.lease();
        var a = envelope();
        var b = envelope();
        leader.publish(List.of(a));
        leader.close();

        // When the other member publishes after the transaction was committed without it
        assertThatThrownBy(() -> late.publish(List.of(b)))
                .isInstanceOfSatisfying(SignalPublisher.PublishFailedException.class, e -> {
                    assertThat(e.missed()).isTrue();
                    assertThat(e.mayHaveCommitted()).isFalse();
                });
        late.close();

        // Then only the leader's signal is in Kafka
        assertThat(SignalsTopic.of(a.signalId())).hasSize(1);
        assertThat(SignalsTopic.of(b.signalId())).isEmpty();
    }

    @Test
    void shouldCommitALoneRequestWithoutLingering() {
        // Given nothing else committing and a long linger
        var publisher = publisher(Duration.ofSeconds(10), Duration.ofSeconds(5));
        var lease = publisher.lease();
        var a = envelope();

        // When it publishes
        long start = System.nanoTime();
        lease.publish(List.of(a));
        lease.close();

        // Then it does not wait for the linger: Kafka is idle, so nobody is worth waiting for
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        assertThat(SignalsTopic.of(a.signalId())).hasSize(1);
    }

    private static SignalEnvelope envelope() {
        var externalId = "pub-" + UUID.randomUUID();
        var payload = new SeizureReport(externalId, "0301", "2026-11-20", null, SeizureReport.Agency.POLICE, List.of());
        return new SignalEnvelope(SignalIds.of("it-publisher", SourceType.SEIZURE, externalId), 1, "it-publisher",
                SourceType.SEIZURE, externalId, "0301", "03", Instant.parse("2026-11-20T12:00:00Z"), Instant.now(), "hash",
                List.of(), payload);
    }
}
