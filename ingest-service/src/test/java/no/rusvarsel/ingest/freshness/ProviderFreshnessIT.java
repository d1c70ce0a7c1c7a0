package no.rusvarsel.ingest.freshness;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import no.rusvarsel.contracts.detection.Detection;
import no.rusvarsel.contracts.detection.Rule;
import no.rusvarsel.contracts.topic.Topics;
import no.rusvarsel.infra.DevTokens;
import no.rusvarsel.infra.RealInfraProperties;
import no.rusvarsel.infra.SharedInfra;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.DriverManager;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Freshness and PROVIDER_SILENT on the real broker and database: the check runs on demand, not on its schedule. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProviderFreshnessIT implements RealInfraProperties {

    private static final Argument<Map<String, Object>> MAP = Argument.mapOf(String.class, Object.class);
    private static final Argument<List<Map<String, Object>>> LIST = Argument.listOf(MAP);

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    SilenceWatch watch;

    @Override
    public String databaseName() {
        return "ingest_freshness_it";
    }

    @Override
    public Map<String, String> getProperties() {
        var props = new HashMap<>(RealInfraProperties.super.getProperties());
        props.put("rusvarsel.freshness.check-interval", "1h");
        return props;
    }

    private String createProvider(String id, Integer intervalMinutes) {
        var admin = DevTokens.forTest("ADMIN");
        var body = new HashMap<String, Object>(Map.of("id", id, "name", "Lab " + id, "sourceTypes", List.of("drug-checking"),
                "regions", List.of("4601")));
        body.put("expectedIntervalMinutes", intervalMinutes);
        http.toBlocking().exchange(HttpRequest.POST("/api/v1/providers", body).bearerAuth(admin));
        return (String) http.toBlocking().retrieve(HttpRequest.POST("/api/v1/providers/" + id + "/keys", "").bearerAuth(admin), MAP)
                .get("apiKey");
    }

    private void registeredHoursAgo(String id, int hours) throws Exception {
        var pg = SharedInfra.get().postgres();
        try (var c = DriverManager.getConnection(pg.jdbcUrl(databaseName()), pg.username(), pg.password()); var s = c.prepareStatement("UPDATE provider SET created_at = now() - make_interval(hours => ?) WHERE id = ?")) {
            s.setInt(1, hours);
            s.setString(2, id);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }

    private Map<String, Object> freshnessOf(String id) {
        var all = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/providers/freshness").bearerAuth(DevTokens.forTest("OPERATOR")), LIST);
        return all.stream().filter(f -> id.equals(f.get("providerId"))).findFirst().orElseThrow();
    }

    private static List<ConsumerRecord<String, Detection>> detectionsOnTopic() {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfra.get().kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "freshness-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                Topics.DETECTIONS.keySerde().deserializer(), Topics.DETECTIONS.valueSerde().deserializer())) {
            consumer.subscribe(List.of(Topics.DETECTIONS.name()));
            var out = new ArrayList<ConsumerRecord<String, Detection>>();
            var deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            int emptyPolls = 0;
            while (System.nanoTime() < deadline && (out.isEmpty() || emptyPolls < 2)) {
                var records = consumer.poll(Duration.ofMillis(500));
                records.forEach(out::add);
                emptyPolls = records.isEmpty() ? emptyPolls + 1 : 0;
            }
            return out;
        }
    }

    @Test
    void givenAProviderQuietLongerThanItsInterval_whenChecked_thenFlaggedAndOnePROVIDER_SILENTDetectionIsPublished() throws Exception {
        var id = "fresh-it-" + UUID.randomUUID().toString().substring(0, 8);
        createProvider(id, 60);
        registeredHoursAgo(id, 2);

        var first = watch.check();
        var second = watch.check();

        assertThat(freshnessOf(id)).containsEntry("silent", true).containsEntry("expectedIntervalMinutes", 60)
                .containsEntry("intervalFromProvider", true);
        assertThat(second).doesNotContainAnyElementsOf(first);
        var mine = detectionsOnTopic().stream().filter(r -> r.value().evidence().contains(id)).toList();
        assertThat(mine).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("46|" + id + "|OPERATIONAL");
            assertThat(r.value().rule()).isEqualTo(Rule.PROVIDER_SILENT);
            assertThat(r.value().region()).isEqualTo("4601");
            assertThat(first).contains(r.value().detectionId());
        });
    }

    @Test
    void givenASilentProvider_whenItSendsASignal_thenItIsNoLongerSilent() throws Exception {
        var id = "fresh-it-" + UUID.randomUUID().toString().substring(0, 8);
        var key = createProvider(id, 60);
        registeredHoursAgo(id, 2);
        assertThat(freshnessOf(id)).containsEntry("silent", true);

        var body = "{\"externalId\":\"F-1\",\"region\":\"4601\",\"observedAt\":\"" + LocalDate.now().minusDays(1)
                + "\",\"form\":\"POWDER\",\"soldAs\":\"cocaine\",\"method\":\"FTIR\",\"confirmed\":false,"
                + "\"components\":[{\"substance\":\"cocaine\"}]}";
        http.toBlocking().exchange(HttpRequest.POST("/api/v1/signals/drug-checking", body)
                .contentType(MediaType.APPLICATION_JSON_TYPE).bearerAuth(key), MAP);

        var after = freshnessOf(id);
        assertThat(after).containsEntry("silent", false);
        assertThat(after.get("lastSignalAt")).isNotNull();
    }

    @Test
    void givenAnAdmin_whenSettingAProvidersExpectedInterval_thenFreshnessUsesItAndAnAnalystMayNotReadFreshness() {
        var id = "fresh-it-" + UUID.randomUUID().toString().substring(0, 8);
        createProvider(id, null);
        assertThat(freshnessOf(id)).containsEntry("intervalFromProvider", false).containsEntry("silent", false);

        var updated = http.toBlocking().retrieve(HttpRequest.PUT("/api/v1/providers/" + id + "/expected-interval",
                Map.of("expectedIntervalMinutes", 15)).bearerAuth(DevTokens.forTest("ADMIN")), MAP);

        assertThat(updated).containsEntry("expectedIntervalMinutes", 15).containsEntry("intervalFromProvider", true);
        assertThatThrownBy(() -> http.toBlocking().retrieve(HttpRequest.GET("/api/v1/providers/freshness")
                .bearerAuth(DevTokens.forTest("ANALYST"))))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(403));
        assertThatThrownBy(() -> http.toBlocking().retrieve(HttpRequest.PUT("/api/v1/providers/" + id + "/expected-interval",
                Map.of("expectedIntervalMinutes", 0)).bearerAuth(DevTokens.forTest("ADMIN"))))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(400));
    }

    @Test
    void givenAFractionalExpectedInterval_whenCreatingAProviderOrSettingIt_thenRefusedNamingTheFieldAndNothingChanges() {
        // Given 2.5 minutes, which the framework used to truncate to 2 (found by the hostile-input suite, issue 9)
        var id = "fresh-it-" + UUID.randomUUID().toString().substring(0, 8);
        var create = "{\"id\":\"" + id + "\",\"name\":\"Lab\",\"sourceTypes\":[\"drug-checking\"],\"expectedIntervalMinutes\":2.5}";

        // When an administrator creates a provider with it, or sets it on an existing provider
        var created = refusal(HttpRequest.POST("/api/v1/providers", create));
        createProvider(id, 30);
        var set = refusal(HttpRequest.PUT("/api/v1/providers/" + id + "/expected-interval", "{\"expectedIntervalMinutes\":2.5}"));

        // Then both are 400 problem documents naming the field, and the provider keeps its interval
        for (var e : List.of(created, set)) {
            assertThat(e.getStatus().getCode()).isEqualTo(400);
            assertThat(e.getResponse().getContentType().orElseThrow().toString()).isEqualTo("application/problem+json");
            assertThat(e.getResponse().getBody(String.class).orElseThrow())
                    .contains("\"field\":\"expectedIntervalMinutes\"").contains("must be a whole number");
        }
        assertThat(freshnessOf(id)).containsEntry("expectedIntervalMinutes", 30);
    }

    @Test
    void givenAProviderBodyWithContentAfterItOrAListWhereTextBelongs_whenCreated_thenRefusedAndNothingIsStored() {
        var id = "fresh-it-" + UUID.randomUUID().toString().substring(0, 8);
        var valid = "{\"id\":\"" + id + "\",\"name\":\"Lab\",\"sourceTypes\":[\"drug-checking\"]}";

        var trailing = refusal(HttpRequest.POST("/api/v1/providers", valid + " {\"id\":\"other\"}"));
        var coerced = refusal(HttpRequest.POST("/api/v1/providers", valid.replace("\"name\":\"Lab\"", "\"name\":[1]")));

        assertThat(trailing.getStatus().getCode()).isEqualTo(400);
        assertThat(trailing.getResponse().getBody(String.class).orElseThrow()).contains("has content after its JSON value at line 1");
        assertThat(coerced.getStatus().getCode()).isEqualTo(400);
        assertThat(coerced.getResponse().getBody(String.class).orElseThrow())
                .contains("\"field\":\"name\"").contains("must be a string");
        var providers = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/providers").bearerAuth(DevTokens.forTest("ADMIN")), LIST);
        assertThat(providers).noneMatch(p -> id.equals(p.get("id")));
        // and the same body without the extra content is taken as before
        assertThat(http.toBlocking().exchange(HttpRequest.POST("/api/v1/providers", valid).contentType(MediaType.APPLICATION_JSON_TYPE)
                .bearerAuth(DevTokens.forTest("ADMIN"))).getStatus().getCode()).isEqualTo(201);
    }

    private HttpClientResponseException refusal(io.micronaut.http.MutableHttpRequest<String> request) {
        return (HttpClientResponseException) org.assertj.core.api.Assertions.catchThrowable(() -> http.toBlocking()
                .exchange(request.contentType(MediaType.APPLICATION_JSON_TYPE).bearerAuth(DevTokens.forTest("ADMIN")), String.class));
    }
}
