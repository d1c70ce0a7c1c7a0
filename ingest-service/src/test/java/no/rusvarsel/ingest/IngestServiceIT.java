package no.rusvarsel.ingest;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import no.rusvarsel.infra.DevTokens;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import no.rusvarsel.infra.RealInfraProperties;
import no.rusvarsel.ingest.provider.ApiKeyRepository;
import no.rusvarsel.ingest.provider.ApiKeys;
import no.rusvarsel.ingest.provider.ProviderRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestServiceIT implements RealInfraProperties {

    private static final String KEY = "rv_" + "k".repeat(43);

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    ProviderRepository providers;

    @Inject
    ApiKeyRepository keys;

    @Override
    public String databaseName() {
        return "ingest_it";
    }

    @Override
    public Map<String, String> getProperties() {
        var props = new HashMap<>(RealInfraProperties.super.getProperties());
        try {
            var seed = Files.createTempFile("seed-providers", ".json");
            Files.writeString(seed, """
                    {"providers":[{"id":"dev-drug-checking","name":"Dev drug-checking lab","sourceTypes":["drug-checking"],
                      "regions":["03"],"apiKey":"%s"}]}""".formatted(KEY));
            props.put("rusvarsel.seed-providers", seed.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return props;
    }

    @Test
    void shouldAnswerHealthUpWithDatabaseAndKafkaChecked() {
        var health = http.toBlocking().retrieve(io.micronaut.http.HttpRequest.GET("/health"), Argument.mapOf(String.class, Object.class));

        assertThat(health).containsEntry("status", "UP");
        assertThat(health.get("details").toString()).contains("jdbc", "kafka");
    }

    @Test
    void shouldSeedProvidersFromTheDevStackFileAndStoreOnlyTheKeyHash() {
        var provider = providers.findById("dev-drug-checking").orElseThrow();
        var stored = keys.findByProviderId("dev-drug-checking");

        assertThat(provider.sourceTypes()).containsExactly("drug-checking");
        assertThat(provider.regions()).containsExactly("03");
        assertThat(stored).singleElement().satisfies(k -> {
            assertThat(k.keyHash()).isEqualTo(ApiKeys.hash(KEY)).isNotEqualTo(KEY);
            assertThat(k.keyPrefix()).isEqualTo("rv_kkkkk");
        });
    }

    @Test
    void shouldServeTheOpenApiDocumentWithEveryEndpoint() {
        var document = http.toBlocking().retrieve(HttpRequest.GET("/swagger/openapi.yml").bearerAuth(DevTokens.forTest("ANALYST")));

        assertThat(document).contains("openapi: 3", "/api/v1/signals/{sourceTypeOrSignalId}", "/api/v1/providers",
                "/api/v1/providers/{id}/keys/{keyId}", "application/problem+json", "drug-checking", "patient-event");
    }

    @Test
    void shouldServePrometheusMetricsToASignedInPersonOnly() {
        var metrics = http.toBlocking().retrieve(HttpRequest.GET("/prometheus").bearerAuth(DevTokens.forTest("OPERATOR")));

        assertThat(metrics).contains("jvm_memory_used_bytes");
        assertThatThrownBy(() -> http.toBlocking().retrieve(HttpRequest.GET("/prometheus")))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(401));
        var forged = DevTokens.sign("another-secret-that-is-long-enough-0123456789", "mallory", java.util.List.of("ADMIN"),
                java.time.Duration.ofHours(1));
        assertThatThrownBy(() -> http.toBlocking().retrieve(HttpRequest.GET("/prometheus").bearerAuth(forged)))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(401));
    }
}
