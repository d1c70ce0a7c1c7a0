package no.rusvarsel.ingest.signal;

import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import no.rusvarsel.contracts.signal.SignalEnvelope;
import no.rusvarsel.contracts.signal.SignalIds;
import no.rusvarsel.contracts.signal.SourceType;
import no.rusvarsel.contracts.topic.Topics;
import no.rusvarsel.infra.DevTokens;
import no.rusvarsel.infra.RealInfraProperties;
import no.rusvarsel.infra.SharedInfra;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A version written to the ledger but left pending (its request died between the ledger and Kafka, or lost Kafka's
 * answer) ends up in Kafka exactly once: retries get 503 until the reconciler has looked in the topic, which keeps
 * what Kafka holds and undoes what it does not. Each test builds the state a crash leaves behind, then reconciles.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PendingVersionsIT implements RealInfraProperties {

    private static final Argument<Map<String, Object>> MAP = Argument.mapOf(String.class, Object.class);
    private static final SourceType TYPE = SourceType.DRUG_CHECKING;

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    PendingReconciler reconciler;
    @Inject
    SignalLedger ledger;
    @Inject
    JdbcOperations jdbc;
    @Inject
    TransactionOperations<Connection> transactions;

    private final String providerId = "it-pending-" + UUID.randomUUID().toString().substring(0, 8);
    private String key;

    @Override
    public String databaseName() {
        return "ingest_pending_it";
    }

    @Override
    public Map<String, String> getProperties() {
        var props = new HashMap<>(RealInfraProperties.super.getProperties());
        // the tests reconcile when they choose to
        props.put("rusvarsel.ingest.pending-check-interval", "1h");
        return props;
    }

    @BeforeAll
    void createProvider() {
        var admin = DevTokens.forTest("ADMIN");
        http.toBlocking().exchange(HttpRequest.POST("/api/v1/providers",
                Map.of("id", providerId, "name", "Pending lab", "sourceTypes", List.of(TYPE.path()))).bearerAuth(admin));
        key = (String) http.toBlocking().retrieve(HttpRequest.POST("/api/v1/providers/" + providerId + "/keys", "").bearerAuth(admin), MAP)
                .get("apiKey");
    }

    @Test
    void shouldKeepAVersionThatReachedKafkaWhenItsRequestDiedBeforeSettlingIt() {
        // Given a record in Kafka whose ledger row was left pending (killed after Kafka's commit, before the settle)
        var externalId = "in-kafka-" + UUID.randomUUID();
        var signalId = (String) results(post(externalId, IntakeFixtures.valid(TYPE, externalId))).get(0).get("signalId");
        jdbc.execute(c -> {
            try (var s = c.prepareStatement("UPDATE signal_ledger SET pending_txn = ?, pending_since = now() - interval '1 hour' WHERE signal_id = ?")) {
                s.setString(1, "rusvarsel-ingest-dead-" + UUID.randomUUID());
                s.setObject(2, UUID.fromString(signalId));
                return s.executeUpdate();
            }
        });

        // When the client retries before reconciliation, Then it is told to come back, and the record reads as PENDING
        assertRetryRefused(externalId, IntakeFixtures.valid(TYPE, externalId));
        assertThat(stored(signalId)).containsEntry("status", "PENDING");

        // When the reconciler runs, Then the version stays, and the retry is a DUPLICATE with nothing new in Kafka
        reconciler.reconcile(Instant.now());
        assertThat(stored(signalId)).containsEntry("status", "ACCEPTED").containsEntry("version", 1);
        assertThat(results(post(externalId, IntakeFixtures.valid(TYPE, externalId))).get(0)).containsEntry("status", "DUPLICATE");
        assertThat(SignalsTopic.of(signalId)).singleElement().satisfies(r -> assertThat(r.value().version()).isEqualTo(1));
    }

    @Test
    void shouldUndoAFirstVersionThatNeverReachedKafkaSoThatTheRetryIsAccepted() {
        // Given a first version written as pending whose request died before Kafka
        var externalId = "never-sent-" + UUID.randomUUID();
        var signalId = signalId(externalId);
        writePending(List.of(entry(signalId, externalId, 1)), Map.of(), "rusvarsel-ingest-dead-" + UUID.randomUUID());
        assertRetryRefused(externalId, IntakeFixtures.valid(TYPE, externalId));

        // When the reconciler runs, Then the row is gone, and the retry is accepted and published once
        reconciler.reconcile(Instant.now());
        assertThat(ledger.find(signalId)).isEmpty();
        assertThat(results(post(externalId, IntakeFixtures.valid(TYPE, externalId))).get(0)).containsEntry("status", "ACCEPTED");
        assertThat(SignalsTopic.of(signalId.toString())).singleElement().satisfies(r -> assertThat(r.value().version()).isEqualTo(1));
    }

    @Test
    void shouldRestoreThePreviousVersionWhenAPendingCorrectionNeverReachedKafka() {
        // Given version 1 accepted, then a correction left pending as version 2 that never reached Kafka
        var externalId = "correction-" + UUID.randomUUID();
        var original = IntakeFixtures.valid(TYPE, externalId);
        var signalId = signalId(externalId);
        post(externalId, original);
        writePending(List.of(), Map.of(entry(signalId, externalId, 2), 1), "rusvarsel-ingest-dead-" + UUID.randomUUID());
        assertThat(stored(signalId.toString())).containsEntry("status", "PENDING").containsEntry("version", 2);

        // When the reconciler runs, Then version 1 is back with its content
        reconciler.reconcile(Instant.now());
        assertThat(stored(signalId.toString())).containsEntry("status", "ACCEPTED").containsEntry("version", 1)
                .satisfies(s -> assertThat(s.get("record").toString()).contains("isotonitazen"));

        // And the client's retry of the correction makes version 2, each version once in Kafka
        var corrected = original.replace("\"amountMg\":0.4", "\"amountMg\":0.7");
        assertThat(results(post(externalId, corrected)).get(0)).containsEntry("status", "CORRECTED");
        assertThat(SignalsTopic.of(signalId.toString())).extracting(r -> r.value().version()).containsExactlyInAnyOrder(1, 2);
    }

    @Test
    void shouldFenceTheOpenTransactionOfADeadProducerBeforeLookingInTheTopic() throws Exception {
        // Given a first version pending on a producer that sent it in a transaction and died before committing
        var template = post("template-" + UUID.randomUUID(), IntakeFixtures.valid(TYPE, "template-" + UUID.randomUUID()));
        var sent = SignalsTopic.of((String) results(template).get(0).get("signalId")).get(0).value();
        var externalId = "open-txn-" + UUID.randomUUID();
        var signalId = signalId(externalId);
        var transactionalId = "rusvarsel-ingest-dead-" + UUID.randomUUID();
        writePending(List.of(entry(signalId, externalId, 1)), Map.of(), transactionalId);
        try (var dead = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfra.get().kafka().bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId),
                Topics.SIGNALS.keySerde().serializer(), Topics.SIGNALS.valueSerde().serializer())) {
            dead.initTransactions();
            dead.beginTransaction();
            dead.send(new ProducerRecord<>(Topics.SIGNALS.name(), sent.county(), copy(sent, signalId, externalId))).get();

            // When the reconciler runs
            reconciler.reconcile(Instant.now());

            // Then the dead producer was fenced (its transaction aborted at once, not after the transaction timeout)
            assertThatThrownBy(dead::commitTransaction).isInstanceOf(org.apache.kafka.common.KafkaException.class);
        }
        assertThat(ledger.find(signalId)).isEmpty();
        // And the retry is accepted and visible to read_committed readers well before the dead transaction would have
        // timed out (60 s): the aborted write holds nothing back
        assertThat(results(post(externalId, IntakeFixtures.valid(TYPE, externalId))).get(0)).containsEntry("status", "ACCEPTED");
        var deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        var published = SignalsTopic.of(signalId.toString());
        while (published.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(500);
            published = SignalsTopic.of(signalId.toString());
        }
        assertThat(published).singleElement().satisfies(r -> assertThat(r.value().version()).isEqualTo(1));
    }

    @Test
    void shouldLeaveVersionsPendingForLessThanTheLongestRequestAlone() {
        // Given a version pending for a moment only (a live request may still be committing it)
        var externalId = "young-" + UUID.randomUUID();
        var signalId = signalId(externalId);
        var transactionalId = "rusvarsel-ingest-live-" + UUID.randomUUID();
        transactions.execute(TransactionDefinition.DEFAULT, status ->
                ledger.writePending(List.of(entry(signalId, externalId, 1)), Map.of(), transactionalId, Instant.now()));

        // When the reconciler runs, Then it is still pending
        reconciler.reconcile(Instant.now());
        assertThat(ledger.find(signalId)).hasValueSatisfying(e -> assertThat(e.isPending()).isTrue());
        transactions.execute(TransactionDefinition.DEFAULT, status -> ledger.rollBack(List.of(signalId), transactionalId));
    }

    private void writePending(List<LedgerEntry> inserts, Map<LedgerEntry, Integer> updates, String transactionalId) {
        var written = transactions.execute(TransactionDefinition.DEFAULT, status ->
                ledger.writePending(inserts, updates, transactionalId, Instant.now().minus(Duration.ofHours(1))));
        assertThat(written).isTrue();
    }

    private UUID signalId(String externalId) {
        return UUID.fromString(SignalIds.of(providerId, TYPE, externalId));
    }

    private LedgerEntry entry(UUID signalId, String externalId, int version) {
        var now = Instant.now();
        return new LedgerEntry(signalId, providerId, TYPE.path(), externalId, version, "hash-of-a-lost-version-" + version,
                now, now, "{\"externalId\":\"" + externalId + "\"}", null);
    }

    private static SignalEnvelope copy(SignalEnvelope e, UUID signalId, String externalId) {
        return new SignalEnvelope(signalId.toString(), 1, e.providerId(), e.sourceType(), externalId, e.region(), e.county(),
                e.observedAt(), e.receivedAt(), e.contentHash(), e.substances(), e.payload());
    }

    private void assertRetryRefused(String externalId, String body) {
        assertThatThrownBy(() -> post(externalId, body)).isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(503);
            assertThat(e.getResponse().getHeaders().get("Retry-After")).isNotBlank();
            assertThat(e.getResponse().getContentType()).map(MediaType::getName).hasValue("application/problem+json");
            assertThat(e.getResponse().getBody(String.class)).hasValueSatisfying(b -> assertThat(b).contains(externalId));
        });
    }

    private HttpResponse<Map<String, Object>> post(String externalId, String body) {
        return http.toBlocking().exchange(HttpRequest.POST("/api/v1/signals/" + TYPE.path(), body)
                .contentType(MediaType.APPLICATION_JSON).bearerAuth(key), MAP);
    }

    private Map<String, Object> stored(String signalId) {
        return http.toBlocking().retrieve(HttpRequest.GET("/api/v1/signals/" + signalId).bearerAuth(key), MAP);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> results(HttpResponse<Map<String, Object>> response) {
        return (List<Map<String, Object>>) response.body().get("results");
    }
}
