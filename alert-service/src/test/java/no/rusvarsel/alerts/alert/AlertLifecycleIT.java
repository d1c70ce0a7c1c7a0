package no.rusvarsel.alerts.alert;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import no.rusvarsel.contracts.alert.AlertEvent;
import no.rusvarsel.contracts.alert.AlertStatus;
import no.rusvarsel.contracts.deadletter.DeadLetter;
import no.rusvarsel.contracts.detection.Certainty;
import no.rusvarsel.contracts.detection.Detection;
import no.rusvarsel.contracts.detection.Rule;
import no.rusvarsel.contracts.detection.Severity;
import no.rusvarsel.contracts.signal.SourceType;
import no.rusvarsel.contracts.topic.Topics;
import no.rusvarsel.infra.ConsumerGroups;
import no.rusvarsel.infra.DevTokens;
import no.rusvarsel.infra.RealInfraProperties;
import no.rusvarsel.infra.SharedInfra;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Detections on the real broker become alerts in the real database, exactly once; people work them by role. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertLifecycleIT implements RealInfraProperties {

    private static final Argument<Map<String, Object>> JSON = Argument.mapOf(String.class, Object.class);

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    EmbeddedServer server;

    @Inject
    AlertEventRepository events;

    private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
            "bootstrap.servers", SharedInfra.get().kafka().bootstrapServers(), "acks", "all"),
            new StringSerializer(), new ByteArraySerializer());

    @Override
    public String databaseName() {
        return "alerts_lifecycle_it";
    }

    @Override
    public Map<String, String> getProperties() {
        var props = new HashMap<>(RealInfraProperties.super.getProperties());
        // only the detections this test publishes, not whatever earlier tests left on the shared broker
        props.put("rusvarsel.alerts.group-id", ConsumerGroups.newGroupAtEnd(SharedInfra.get().kafka().bootstrapServers(),
                Topics.DETECTIONS.name(), Topics.DETECTIONS.partitions(), "alert-lifecycle-it"));
        props.put("rusvarsel.alerts.stream.heartbeat", "1s");
        return props;
    }

    @AfterAll
    void closeProducer() {
        producer.close();
    }

    @Test
    void shouldOpenACriticalAlertForANitazeneDetectionOnTheTopic() throws Exception {
        // Given a CRITICAL nitazene detection in Oslo (0301)
        var detection = Detections.critical("0301");

        // When analytics writes it to the detections topic
        publish(detection);

        // Then one OPEN CRITICAL alert exists for county 03, with the detection as evidence
        var alert = awaitAlertFor(detection);
        assertThat(alert.get("status")).isEqualTo("OPEN");
        assertThat(alert.get("severity")).isEqualTo("CRITICAL");
        assertThat(alert.get("county")).isEqualTo("03");
        var detail = detail((String) alert.get("alertId"));
        assertThat((List<?>) detail.get("detections")).hasSize(1);
        assertThat(audit(detail)).extracting(a -> a.get("type")).containsExactly("OPENED");
    }

    @Test
    void shouldUpdateTheOpenAlertAndEscalateOnceWhenAMoreSevereDetectionFollows() throws Exception {
        // Given a HIGH alert for isotonitazene in Vestland (46)
        var first = Detections.nitazene("4601", Rule.WATCHLIST_SUBSTANCE, Severity.HIGH, Certainty.POSSIBLE, SourceType.SEIZURE);
        publish(first);
        var alertId = (String) awaitAlertFor(first).get("alertId");

        // When a weaker detection and then a CRITICAL cross-source detection of the same episode follow
        publish(Detections.nitazene("4601", Rule.WATCHLIST_SUBSTANCE, Severity.MODERATE, Certainty.POSSIBLE, SourceType.WASTEWATER));
        var cluster = Detections.nitazene("46", Rule.CROSS_SOURCE_CLUSTER, Severity.CRITICAL, Certainty.LIKELY, SourceType.PATIENT_EVENT);
        publish(cluster);

        // Then the same alert holds all three, CRITICAL, with exactly one escalation (and the open) notified
        await(() -> audit(detail(alertId)).size() == 3);
        var detail = detail(alertId);
        @SuppressWarnings("unchecked") var alert = (Map<String, Object>) detail.get("alert");
        assertThat(alert.get("severity")).isEqualTo("CRITICAL");
        assertThat(alert.get("certainty")).isEqualTo("LIKELY");
        assertThat(audit(detail)).extracting(a -> a.get("type")).containsExactly("OPENED", "UPDATED", "ESCALATED");
        assertThat(events.findByAlertIdOrderBySequence(alertId)).filteredOn(AlertEventRecord::notified)
                .extracting(AlertEventRecord::type).containsExactly(AlertEvent.Type.OPENED, AlertEvent.Type.ESCALATED);
        assertThat(list("region=46&status=OPEN,ACKNOWLEDGED")).extracting(a -> a.get("alertId")).containsExactly(alertId);
    }

    @Test
    void shouldChangeNothingWhenTheSameDetectionIsDeliveredTwice() throws Exception {
        // Given a detection already turned into an alert
        var detection = Detections.critical("1103");
        publish(detection);
        var alertId = (String) awaitAlertFor(detection).get("alertId");
        var marker = Detections.nitazene("1103", Rule.WATCHLIST_SUBSTANCE, Severity.LOW, Certainty.POSSIBLE, SourceType.SYRINGE);

        // When the same detection arrives again (a redelivery or a reprocessing), followed by a new one
        publish(detection);
        publish(marker);

        // Then only the new one changed the alert (both are keyed alike, so the duplicate was handled before the marker)
        await(() -> audit(detail(alertId)).size() == 2);
        assertThat(audit(detail(alertId))).extracting(a -> a.get("type")).containsExactly("OPENED", "UPDATED");
        assertThat(list("region=11")).hasSize(1);
    }

    @Test
    void shouldDeadLetterAnUnreadableDetectionAndKeepGoing() throws Exception {
        try (var consumer = dlqConsumer()) {
            // When garbage and a detection for an unknown region arrive, then a good detection
            producer.send(new ProducerRecord<>(Topics.DETECTIONS.name(), "15|x|SUBSTANCE", "{not json".getBytes(StandardCharsets.UTF_8))).get();
            publish(Detections.critical("9999"));
            var good = Detections.critical("1505");
            publish(good);

            // Then both bad ones are dead-lettered with their reason, and the good one makes an alert
            assertThat(awaitAlertFor(good).get("county")).isEqualTo("15");
            var letters = new ArrayList<DeadLetter>();
            var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (letters.size() < 2 && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> letters.add(r.value()));
            }
            // (different keys, so different partitions and consumer threads: either may be dead-lettered first)
            assertThat(letters).extracting(DeadLetter::reason)
                    .containsExactlyInAnyOrder("unreadable detection", "detection cannot make an alert: unknown region 9999");
            assertThat(letters).allSatisfy(l -> assertThat(l.service()).isEqualTo("alert-service"));
        }
    }

    @Test
    void shouldLetOnlyOperatorsAcknowledgeResolveAndDismiss() throws Exception {
        var detection = Detections.critical("3201");
        publish(detection);
        var alertId = (String) awaitAlertFor(detection).get("alertId");

        // An analyst reads but cannot acknowledge
        assertThat(status(() -> action(alertId, "acknowledge", "ANALYST", Map.of("note", "seen")))).isEqualTo(403);
        // An operator acknowledges, once
        assertThat(action(alertId, "acknowledge", "OPERATOR", Map.of("note", "calling the municipality")).get("status"))
                .isEqualTo("ACKNOWLEDGED");
        assertThat(status(() -> action(alertId, "acknowledge", "OPERATOR", Map.of()))).isEqualTo(409);
        // A dismissal needs a reason, named in the error
        var missingReason = assertThatThrownBy(() -> action(alertId, "dismiss", "OPERATOR", Map.of()))
                .isInstanceOf(HttpClientResponseException.class).actual();
        var problem = ((HttpClientResponseException) missingReason).getResponse().getBody(JSON).orElseThrow();
        assertThat(problem.get("errors").toString()).contains("field=note");
        // Resolving closes it, and the audit trail says who did what
        assertThat(action(alertId, "resolve", "OPERATOR", Map.of("note", "batch withdrawn")).get("status")).isEqualTo("RESOLVED");
        assertThat(audit(detail(alertId))).extracting(a -> a.get("type"), a -> a.get("actor"), a -> a.get("note"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("OPENED", "system", null),
                        org.assertj.core.groups.Tuple.tuple("ACKNOWLEDGED", "test-operator", "calling the municipality"),
                        org.assertj.core.groups.Tuple.tuple("RESOLVED", "test-operator", "batch withdrawn"));
        assertThat(status(() -> http.toBlocking().retrieve(HttpRequest.GET("/api/v1/alerts/" + alertId)))).isEqualTo(401);
    }

    @Test
    void shouldOpenANewEpisodeAfterTheOldOneWasResolved() throws Exception {
        var first = Detections.critical("3301");
        publish(first);
        var oldId = (String) awaitAlertFor(first).get("alertId");
        action(oldId, "resolve", "OPERATOR", Map.of());

        var again = Detections.critical("3301");
        publish(again);

        var newId = (String) awaitAlertFor(again).get("alertId");
        assertThat(newId).isNotEqualTo(oldId);
        assertThat(list("region=33&status=OPEN")).extracting(a -> a.get("alertId")).containsExactly(newId);
    }

    @Test
    void shouldAnswerAnEmptyPageWithAnEmptyItemsList() {
        var page = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/alerts?region=5501&since=2999-01-01")
                .bearerAuth(DevTokens.forTest("ANALYST")), JSON);

        assertThat(page).containsEntry("items", List.of()).containsEntry("total", 0);
    }

    @Test
    void shouldRejectAnInvalidFilterNamingTheField() {
        var e = (HttpClientResponseException) org.assertj.core.api.Assertions.catchThrowable(() -> list("severity=SEVERE&region=7777&size=0"));
        assertThat(e.getStatus().getCode()).isEqualTo(400);
        assertThat(e.getResponse().getContentType().orElseThrow().toString()).isEqualTo("application/problem+json");
        assertThat(e.getResponse().getBody(JSON).orElseThrow().get("errors").toString())
                .contains("field=severity").contains("field=region").contains("field=size");
    }

    @Test
    void shouldPublishEveryAlertChangeToTheAlertsTopic() throws Exception {
        var detection = Detections.critical("3401");
        publish(detection);
        var alertId = (String) awaitAlertFor(detection).get("alertId");
        action(alertId, "acknowledge", "OPERATOR", Map.of());

        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfra.get().kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                Topics.ALERTS.keySerde().deserializer(), Topics.ALERTS.valueSerde().deserializer())) {
            consumer.subscribe(List.of(Topics.ALERTS.name()));
            var mine = new ArrayList<AlertEvent>();
            var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (mine.size() < 2 && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.key().equals(alertId)) {
                        mine.add(r.value());
                    }
                });
            }
            assertThat(mine).extracting(AlertEvent::eventId, AlertEvent::type, AlertEvent::status).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(alertId + ":1", AlertEvent.Type.OPENED, AlertStatus.OPEN),
                    org.assertj.core.groups.Tuple.tuple(alertId + ":2", AlertEvent.Type.ACKNOWLEDGED, AlertStatus.ACKNOWLEDGED));
        }
    }

    @Test
    void shouldResumeTheStreamWithExactlyTheChangesMissedAfterLastEventId() throws Exception {
        // Given a client that saw everything up to now
        var first = Detections.critical("3901");
        publish(first);
        var alertId = (String) awaitAlertFor(first).get("alertId");
        var seen = events.lastPosition();

        // When two changes happen while it is away
        publish(Detections.nitazene("3901", Rule.WATCHLIST_SUBSTANCE, Severity.LOW, Certainty.POSSIBLE, SourceType.SYRINGE));
        await(() -> audit(detail(alertId)).size() == 2);
        action(alertId, "acknowledge", "OPERATOR", Map.of());
        var expected = events.findAfter(seen, 100).stream().map(e -> e.position() + " " + e.eventId()).toList();

        // Then reconnecting with Last-Event-ID delivers exactly those, in order, then live ones
        var connection = (java.net.HttpURLConnection) URI.create("http://127.0.0.1:" + server.getPort() + "/api/v1/alerts/stream")
                .toURL().openConnection();
        connection.setRequestProperty("Authorization", "Bearer " + DevTokens.forTest("ANALYST"));
        connection.setRequestProperty("Accept", "text/event-stream");
        connection.setRequestProperty("Last-Event-ID", String.valueOf(seen));
        connection.setReadTimeout(20_000);
        try (var reader = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8))) {
            var received = readEvents(reader, expected.size());
            assertThat(received).containsExactlyElementsOf(expected);

            action(alertId, "resolve", "OPERATOR", Map.of());
            var live = readEvents(reader, 1);
            assertThat(live.get(0)).endsWith(alertId + ":4");
        } finally {
            connection.disconnect();
        }
    }

    /** Reads SSE frames until n alert events arrived; each as "id eventId". Heartbeats are skipped. */
    private static List<String> readEvents(BufferedReader reader, int n) throws Exception {
        var out = new ArrayList<String>();
        String id = null;
        String data = null;
        String name = null;
        String line;
        while (out.size() < n && (line = reader.readLine()) != null) {
            if (line.startsWith("id:")) {
                id = line.substring(3).strip();
            } else if (line.startsWith("data:")) {
                data = line.substring(5).strip();
            } else if (line.startsWith("event:")) {
                name = line.substring(6).strip();
            } else if (line.isEmpty()) {
                if (data != null && name == null) {
                    var eventId = io.micronaut.json.JsonMapper.createDefault().readValue(data, AlertEvent.class).eventId();
                    out.add(id + " " + eventId);
                }
                id = null;
                data = null;
                name = null;
            }
        }
        return out;
    }

    private void publish(Detection d) throws Exception {
        var value = Topics.DETECTIONS.valueSerde().serializer().serialize(Topics.DETECTIONS.name(), d);
        producer.send(new ProducerRecord<>(Topics.DETECTIONS.name(), d.region(), value)).get();
    }

    private Map<String, Object> awaitAlertFor(Detection d) throws Exception {
        var holder = new ArrayList<Map<String, Object>>();
        await(() -> {
            for (var alert : list("since=2000-01-01&size=500")) {
                var detail = detail((String) alert.get("alertId"));
                if (detail.get("detections").toString().contains(d.detectionId())) {
                    holder.add(alert);
                    return true;
                }
            }
            return false;
        });
        return holder.get(0);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> list(String query) {
        var page = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/alerts?" + query).bearerAuth(DevTokens.forTest("ANALYST")), JSON);
        assertThat(page).as("alert page for %s", query).containsKey("items");
        return (List<Map<String, Object>>) page.get("items");
    }

    private Map<String, Object> detail(String alertId) {
        return http.toBlocking().retrieve(HttpRequest.GET("/api/v1/alerts/" + alertId).bearerAuth(DevTokens.forTest("ANALYST")), JSON);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> audit(Map<String, Object> detail) {
        return (List<Map<String, Object>>) detail.get("audit");
    }

    private Map<String, Object> action(String alertId, String action, String role, Map<String, Object> body) {
        return http.toBlocking().retrieve(HttpRequest.POST("/api/v1/alerts/" + alertId + "/" + action, body)
                .bearerAuth(DevTokens.forTest(role)), JSON);
    }

    private static int status(Runnable call) {
        try {
            call.run();
            return 200;
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(100);
        }
    }

    private static KafkaConsumer<String, DeadLetter> dlqConsumer() {
        var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfra.get().kafka().bootstrapServers(),
                // a group already positioned at the end: it sees exactly what this test dead-letters
                ConsumerConfig.GROUP_ID_CONFIG, ConsumerGroups.newGroupAtEnd(SharedInfra.get().kafka().bootstrapServers(),
                        Topics.DETECTIONS_DLQ.name(), Topics.DETECTIONS_DLQ.partitions(), "it-dlq")),
                Topics.DETECTIONS_DLQ.keySerde().deserializer(), Topics.DETECTIONS_DLQ.valueSerde().deserializer());
        consumer.subscribe(List.of(Topics.DETECTIONS_DLQ.name()));
        return consumer;
    }
}
