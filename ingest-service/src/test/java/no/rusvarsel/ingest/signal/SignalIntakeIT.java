package no.rusvarsel.ingest.signal;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import no.rusvarsel.contracts.signal.SignalEnvelope;
import no.rusvarsel.contracts.signal.SourceType;
import no.rusvarsel.contracts.topic.Topics;
import no.rusvarsel.infra.DevTokens;
import no.rusvarsel.infra.RealInfraProperties;
import no.rusvarsel.infra.SharedInfra;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignalIntakeIT implements RealInfraProperties {

    private static final Argument<Map<String, Object>> MAP = Argument.mapOf(String.class, Object.class);

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    LedgerRetention retention;

    /** source type path → API key of a provider allowed to submit only that type */
    private final Map<String, String> keys = new HashMap<>();
    private String otherLabKey;

    @Override
    public String databaseName() {
        return "ingest_signals_it";
    }

    @Override
    public Map<String, String> getProperties() {
        var props = new HashMap<>(RealInfraProperties.super.getProperties());
        props.put("micronaut.server.max-request-size", "1MB");
        props.put("rusvarsel.ingest.rate-limit.burst", "25");
        props.put("rusvarsel.ingest.rate-limit.requests-per-minute", "25");
        return props;
    }

    @BeforeAll
    void createProviders() {
        for (var type : SourceType.values()) {
            keys.put(type.path(), provider("it-" + type.path() + "-" + suffix(), List.of(type.path()), List.of()));
        }
        otherLabKey = provider("it-other-lab-" + suffix(), List.of("drug-checking"), List.of());
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private String provider(String id, List<String> sourceTypes, List<String> regions) {
        var admin = DevTokens.forTest("ADMIN");
        http.toBlocking().exchange(HttpRequest.POST("/api/v1/providers",
                Map.of("id", id, "name", "Lab " + id, "sourceTypes", sourceTypes, "regions", regions)).bearerAuth(admin));
        var issued = http.toBlocking().retrieve(HttpRequest.POST("/api/v1/providers/" + id + "/keys", "").bearerAuth(admin), MAP);
        return (String) issued.get("apiKey");
    }

    private HttpResponse<Map<String, Object>> post(SourceType type, String key, String contentType, String body) {
        return http.toBlocking().exchange(HttpRequest.POST("/api/v1/signals/" + type.path(), body)
                .contentType(contentType).bearerAuth(key), MAP);
    }

    private HttpClientResponseException refused(SourceType type, String key, String contentType, String body) {
        var request = HttpRequest.POST("/api/v1/signals/" + type.path(), body).contentType(contentType);
        if (key != null) {
            request.bearerAuth(key);
        }
        try {
            http.toBlocking().exchange(request, MAP, MAP);
        } catch (HttpClientResponseException e) {
            return e;
        }
        throw new AssertionError("the request was accepted");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> problem(HttpClientResponseException e) {
        assertThat(e.getResponse().getContentType()).map(MediaType::getName).hasValue("application/problem+json");
        return e.getResponse().getBody(MAP).orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> results(HttpResponse<Map<String, Object>> response) {
        return (List<Map<String, Object>>) response.body().get("results");
    }

    private static List<ConsumerRecord<String, SignalEnvelope>> signalsOnTopic() {
        return SignalsTopic.all();
    }

    private static List<ConsumerRecord<String, SignalEnvelope>> onTopic(String signalId) {
        return SignalsTopic.of(signalId);
    }

    @ParameterizedTest
    @EnumSource(SourceType.class)
    void shouldAcceptAValidRecordOfEverySourceTypeAndPublishItKeyedByCounty(SourceType type) {
        var externalId = "valid-" + suffix();

        var response = post(type, keys.get(type.path()), MediaType.APPLICATION_JSON, IntakeFixtures.valid(type, externalId));

        assertThat(response.status().getCode()).isEqualTo(HttpStatus.ACCEPTED.getCode());
        assertThat(response.body()).containsEntry("accepted", 1).containsEntry("duplicates", 0).containsEntry("corrected", 0);
        var result = results(response).get(0);
        assertThat(result).containsEntry("externalId", externalId).containsEntry("status", "ACCEPTED");
        var published = onTopic((String) result.get("signalId"));
        assertThat(published).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo(IntakeFixtures.COUNTY.get(type));
            assertThat(r.value().sourceType()).isEqualTo(type);
            assertThat(r.value().version()).isEqualTo(1);
            assertThat(r.value().payload().externalId()).isEqualTo(externalId);
            assertThat(r.value().substances()).isNotEmpty().allSatisfy(s -> assertThat(s.recognised()).isTrue());
        });
    }

    @ParameterizedTest
    @EnumSource(SourceType.class)
    void shouldAcceptAJsonArrayAndNdjsonOfEverySourceType(SourceType type) {
        var key = keys.get(type.path());
        var array = "[" + IntakeFixtures.valid(type, "arr-1-" + suffix()) + "," + IntakeFixtures.valid(type, "arr-2-" + suffix()) + "]";
        var ndjson = IntakeFixtures.valid(type, "nd-1-" + suffix()).replace("\n", " ") + "\n"
                + IntakeFixtures.valid(type, "nd-2-" + suffix()).replace("\n", " ") + "\n";

        assertThat(post(type, key, MediaType.APPLICATION_JSON, array).body()).containsEntry("accepted", 2);
        assertThat(post(type, key, "application/x-ndjson", ndjson).body()).containsEntry("accepted", 2);
    }

    @ParameterizedTest
    @EnumSource(SourceType.class)
    void shouldImportTheExampleCsvOfEverySourceType(SourceType type) throws Exception {
        var csv = Files.readString(Path.of("examples", type.path() + ".csv"));

        var response = post(type, keys.get(type.path()), "text/csv", csv);

        assertThat(response.status().getCode()).isEqualTo(HttpStatus.ACCEPTED.getCode());
        assertThat((Integer) response.body().get("accepted")).isPositive();
    }

    @Test
    void shouldRejectABatchWithSeveralInvalidRecordsListingEachAndPublishingNothing() {
        var good = IntakeFixtures.valid(SourceType.DRUG_CHECKING, "batch-good-" + suffix());
        var negativeAmount = IntakeFixtures.valid(SourceType.DRUG_CHECKING, "batch-bad-1").replace("\"amountMg\":0.4", "\"amountMg\":-1");
        var unknownRegion = IntakeFixtures.valid(SourceType.DRUG_CHECKING, "batch-bad-2").replace("\"0301\"", "\"9999\"");

        var e = refused(SourceType.DRUG_CHECKING, keys.get("drug-checking"), MediaType.APPLICATION_JSON,
                "[" + good + "," + negativeAmount + "," + unknownRegion + "]");

        assertThat(e.getStatus().getCode()).isEqualTo(400);
        @SuppressWarnings("unchecked")
        var errors = (List<Map<String, Object>>) problem(e).get("errors");
        assertThat(errors).anySatisfy(err -> assertThat(err).containsEntry("index", 1).containsEntry("field", "components[0].amountMg"));
        assertThat(errors).anySatisfy(err -> assertThat(err).containsEntry("index", 2).containsEntry("field", "region"));
        assertThat(signalsOnTopic()).noneMatch(r -> r.value().externalId().startsWith("batch-"));
    }

    @ParameterizedTest
    @EnumSource(SourceType.class)
    void shouldListEveryInvalidRecordOfEverySourceTypeAndAcceptNone(SourceType type) {
        // Given a valid record, one in an unknown region and one with a field the contract does not have
        var prefix = "bad-" + suffix() + "-";
        var good = IntakeFixtures.valid(type, prefix + "good");
        var badRegion = IntakeFixtures.valid(type, prefix + "region").replaceFirst("\"region\":\"\\d+\"", "\"region\":\"9999\"");
        var unknownField = IntakeFixtures.valid(type, prefix + "field").replaceFirst("\\{", "{\"patientName\":\"x\",");

        var e = refused(type, keys.get(type.path()), MediaType.APPLICATION_JSON, "[" + good + "," + badRegion + "," + unknownField + "]");

        // Then both bad records are listed with their index and field, and nothing reached Kafka
        assertThat(e.getStatus().getCode()).isEqualTo(400);
        @SuppressWarnings("unchecked")
        var errors = (List<Map<String, Object>>) problem(e).get("errors");
        assertThat(errors).anySatisfy(err -> assertThat(err).containsEntry("index", 1).containsEntry("field", "region"));
        assertThat(errors).anySatisfy(err -> assertThat(err).containsEntry("index", 2).containsEntry("field", "patientName"));
        assertThat(errors).noneSatisfy(err -> assertThat(err).containsEntry("index", 0));
        assertThat(signalsOnTopic()).noneMatch(r -> r.value().externalId().startsWith(prefix));
    }

    @ParameterizedTest
    @EnumSource(SourceType.class)
    void shouldAnswerDuplicateForTheSameContentAndCorrectedForChangedContent(SourceType type) {
        var key = keys.get(type.path());
        var externalId = "dup-" + suffix();
        var record = IntakeFixtures.valid(type, externalId);
        var first = post(type, key, MediaType.APPLICATION_JSON, record);
        var signalId = (String) results(first).get(0).get("signalId");

        // Given the same content again, with other white space; When changed content follows
        var again = post(type, key, MediaType.APPLICATION_JSON, record.replace("\n", "\n   "));
        var corrected = post(type, key, MediaType.APPLICATION_JSON, record.replaceFirst("\\{", "{\"notes\":\"re-analysed\","));

        // Then the first is a duplicate without a new event, the second a new version of the same signal
        assertThat(results(again).get(0)).containsEntry("status", "DUPLICATE").containsEntry("signalId", signalId);
        assertThat(results(corrected).get(0)).containsEntry("status", "CORRECTED").containsEntry("signalId", signalId);
        assertThat(onTopic(signalId)).extracting(r -> r.value().version()).containsExactly(1, 2);
        var stored = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/signals/" + signalId).bearerAuth(key), MAP);
        assertThat(stored).containsEntry("version", 2).containsEntry("status", "CORRECTED");
    }

    @Test
    void shouldTreatTheSameNumbersWrittenDifferentlyAsADuplicate() {
        var key = keys.get("seizure");
        var record = IntakeFixtures.valid(SourceType.SEIZURE, "numbers-" + suffix());
        post(SourceType.SEIZURE, key, MediaType.APPLICATION_JSON, record);

        var again = post(SourceType.SEIZURE, key, MediaType.APPLICATION_JSON, record.replace("\"purityPercent\":4", "\"purityPercent\":4.0"));

        assertThat(results(again).get(0)).containsEntry("status", "DUPLICATE");
    }

    @ParameterizedTest
    @EnumSource(SourceType.class)
    void shouldRejectAnIdentityNumberHiddenInNotesWithoutEchoingIt(SourceType type) {
        var fnr = no.rusvarsel.ingest.validation.IdNumbers.fodselsnummer(1, 1, 90, 123);
        var record = IntakeFixtures.valid(type, "pii-" + suffix()).replaceFirst("\\{", "{\"notes\":\"patient " + fnr + " brought in\",");

        var e = refused(type, keys.get(type.path()), MediaType.APPLICATION_JSON, record);

        assertThat(e.getStatus().getCode()).isEqualTo(400);
        var body = e.getResponse().getBody(String.class).orElseThrow();
        assertThat(body).contains("notes").doesNotContain(fnr);
        assertThat(signalsOnTopic()).noneMatch(r -> r.value().externalId().startsWith("pii-"));
    }

    @Test
    void shouldRefuseAMissingOrUnknownKeyWith401() {
        var record = IntakeFixtures.valid(SourceType.DRUG_CHECKING, "nokey");

        var missing = refused(SourceType.DRUG_CHECKING, null, MediaType.APPLICATION_JSON, record);
        assertThat(missing.getStatus().getCode()).isEqualTo(HttpStatus.UNAUTHORIZED.getCode());
        problem(missing);
        assertThat(refused(SourceType.DRUG_CHECKING, "rv_unknown", MediaType.APPLICATION_JSON, record).getStatus().getCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED.getCode());
    }

    @Test
    void shouldRefuseARevokedKeyWith401() {
        var id = "it-revoked-" + suffix();
        var key = provider(id, List.of("syringe"), List.of());
        @SuppressWarnings("unchecked")
        var providers = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/providers").bearerAuth(DevTokens.forTest("ADMIN")),
                Argument.listOf(MAP));
        @SuppressWarnings("unchecked")
        var keyId = ((List<Map<String, Object>>) providers.stream().filter(p -> p.get("id").equals(id)).findFirst().orElseThrow()
                .get("keys")).get(0).get("keyId");
        http.toBlocking().exchange(HttpRequest.DELETE("/api/v1/providers/" + id + "/keys/" + keyId).bearerAuth(DevTokens.forTest("ADMIN")));

        var e = refused(SourceType.SYRINGE, key, MediaType.APPLICATION_JSON, IntakeFixtures.valid(SourceType.SYRINGE, "revoked"));

        assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.UNAUTHORIZED.getCode());
    }

    @Test
    void shouldRefuseASourceTypeTheProviderMayNotSubmitWith403() {
        var e = refused(SourceType.SEIZURE, keys.get("drug-checking"), MediaType.APPLICATION_JSON,
                IntakeFixtures.valid(SourceType.SEIZURE, "wrong-type"));

        assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.FORBIDDEN.getCode());
        assertThat(problem(e).get("detail").toString()).contains("seizure");
    }

    @Test
    void shouldRefuseARegionOutsideTheProvidersRegionsWith403() {
        var key = provider("it-bergen-" + suffix(), List.of("drug-checking"), List.of("46"));

        var e = refused(SourceType.DRUG_CHECKING, key, MediaType.APPLICATION_JSON, IntakeFixtures.valid(SourceType.DRUG_CHECKING, "oslo"));

        assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.FORBIDDEN.getCode());
    }

    @Test
    void shouldNotShowAnotherProvidersSignal() {
        var mine = post(SourceType.DRUG_CHECKING, keys.get("drug-checking"), MediaType.APPLICATION_JSON,
                IntakeFixtures.valid(SourceType.DRUG_CHECKING, "mine-" + suffix()));
        var signalId = (String) results(mine).get(0).get("signalId");

        assertThatThrownBy(() -> http.toBlocking().retrieve(HttpRequest.GET("/api/v1/signals/" + signalId).bearerAuth(otherLabKey)))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.NOT_FOUND.getCode()));
        assertThat(http.toBlocking().retrieve(HttpRequest.GET("/api/v1/signals/" + signalId).bearerAuth(keys.get("drug-checking")), MAP))
                .containsEntry("signalId", signalId);
    }

    @Test
    void shouldDeleteStoredRecordsReceivedBeforeTheRetentionPeriodAndKeepNewerOnes() throws Exception {
        // Given a patient event received 500 days ago and one received now
        var key = provider("it-retention-" + suffix(), List.of("patient-event"), List.of());
        var old = (String) results(post(SourceType.PATIENT_EVENT, key, MediaType.APPLICATION_JSON,
                IntakeFixtures.valid(SourceType.PATIENT_EVENT, "old-" + suffix()))).get(0).get("signalId");
        var recent = (String) results(post(SourceType.PATIENT_EVENT, key, MediaType.APPLICATION_JSON,
                IntakeFixtures.valid(SourceType.PATIENT_EVENT, "recent-" + suffix()))).get(0).get("signalId");
        var pg = SharedInfra.get().postgres();
        try (var c = java.sql.DriverManager.getConnection(pg.jdbcUrl(databaseName()), pg.username(), pg.password());
             var s = c.prepareStatement("UPDATE signal_ledger SET received_at = now() - interval '500 days' WHERE signal_id = ?::uuid")) {
            s.setString(1, old);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }

        // When the retention of 400 days is applied
        int deleted = retention.purgeReceivedBefore(java.time.Instant.now().minus(java.time.Duration.ofDays(400)));

        // Then the old record is gone and the recent one is still there
        assertThat(deleted).isGreaterThanOrEqualTo(1);
        assertThatThrownBy(() -> http.toBlocking().retrieve(HttpRequest.GET("/api/v1/signals/" + old).bearerAuth(key)))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.NOT_FOUND.getCode()));
        assertThat(http.toBlocking().retrieve(HttpRequest.GET("/api/v1/signals/" + recent).bearerAuth(key), MAP))
                .containsEntry("signalId", recent);
    }

    @Test
    void shouldRefuseAnOversizedBodyWith413() {
        var huge = "[" + (IntakeFixtures.valid(SourceType.DRUG_CHECKING, "x") + ",").repeat(6000) + "{}]";

        var e = refused(SourceType.DRUG_CHECKING, keys.get("drug-checking"), MediaType.APPLICATION_JSON, huge);

        assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.REQUEST_ENTITY_TOO_LARGE.getCode());
        problem(e);
    }

    @Test
    void shouldRefuseAnUnsupportedMediaTypeWith415() {
        var e = refused(SourceType.DRUG_CHECKING, keys.get("drug-checking"), MediaType.APPLICATION_XML, "<signal/>");

        assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE.getCode());
        problem(e);
    }

    @Test
    void shouldTellWhereMalformedJsonIs() {
        var e = refused(SourceType.DRUG_CHECKING, keys.get("drug-checking"), MediaType.APPLICATION_JSON, "[{\"externalId\":\"a\",\n \"region\" 12}]");

        assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
        assertThat(problem(e).get("detail").toString()).contains("line 2");
    }

    @Test
    void shouldRateLimitAProviderWith429AndRetryAfter() {
        var key = provider("it-busy-" + suffix(), List.of("syringe"), List.of());
        HttpClientResponseException limited = null;
        for (int i = 0; i < 40 && limited == null; i++) {
            var e = refused(SourceType.SYRINGE, key, MediaType.APPLICATION_JSON, "{}");
            if (e.getStatus().getCode() == 429) {
                limited = e;
            }
        }

        assertThat(limited).as("limited within 40 requests").isNotNull();
        assertThat(limited.getResponse().getHeaders().get("Retry-After")).isNotBlank();
    }

    @Test
    void shouldCountRecordsPerSourceTypeAndOutcomeInPrometheus() {
        post(SourceType.SYRINGE, keys.get("syringe"), MediaType.APPLICATION_JSON, IntakeFixtures.valid(SourceType.SYRINGE, "m-" + suffix()));

        var metrics = http.toBlocking().retrieve(HttpRequest.GET("/prometheus").bearerAuth(DevTokens.forTest("OPERATOR")));

        assertThat(metrics).containsPattern("rusvarsel_ingest_records_total\\{.*outcome=\"accepted\".*source_type=\"syringe\".*\\} [1-9]")
                .contains("rusvarsel_ingest_kafka_publish_seconds");
    }

    @Test
    void shouldRequireATokenForMetricsByDefault() {
        assertThatThrownBy(() -> http.toBlocking().retrieve(HttpRequest.GET("/prometheus")))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.UNAUTHORIZED.getCode()));
    }

    @Test
    void shouldRefuseMetricsToADataProvider() {
        // metrics are internal; a provider's valid API key signs it in, but it is an outside party (authorization matrix)
        assertThatThrownBy(() -> http.toBlocking().retrieve(HttpRequest.GET("/prometheus").bearerAuth(keys.get("syringe"))))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.FORBIDDEN.getCode()));
    }

    @Test
    void shouldKeepProviderAdministrationForAdminsOnly() {
        var analyst = DevTokens.forTest("ANALYST");

        assertThatThrownBy(() -> http.toBlocking().retrieve(HttpRequest.GET("/api/v1/providers").bearerAuth(analyst)))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.FORBIDDEN.getCode()));
        assertThatThrownBy(() -> http.toBlocking().retrieve(HttpRequest.GET("/api/v1/providers").bearerAuth(keys.get("syringe"))))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.FORBIDDEN.getCode()));
    }
}
