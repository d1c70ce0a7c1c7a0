package no.rusvarsel.ingest.signal;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import no.rusvarsel.contracts.signal.SignalIds;
import no.rusvarsel.contracts.signal.SourceType;
import no.rusvarsel.infra.DevTokens;
import no.rusvarsel.infra.FreePorts;
import no.rusvarsel.infra.RealInfraProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** When Kafka cannot take a write, the provider gets 503 with Retry-After and nothing is recorded as accepted. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaDownIT implements RealInfraProperties {

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public String databaseName() {
        return "ingest_kafka_down_it";
    }

    @Override
    public Map<String, String> getProperties() {
        var props = new HashMap<>(RealInfraProperties.super.getProperties());
        props.put("kafka.bootstrap.servers", "127.0.0.1:" + FreePorts.any()); // nothing listens there
        props.put("rusvarsel.ingest.kafka.timeout", "2s");
        return props;
    }

    @Test
    void shouldAnswer503WithRetryAfterAndRecordNothingWhenKafkaIsDown() {
        var admin = DevTokens.forTest("ADMIN");
        http.toBlocking().exchange(HttpRequest.POST("/api/v1/providers",
                Map.of("id", "it-down-lab", "name", "Lab", "sourceTypes", List.of("drug-checking"))).bearerAuth(admin));
        var key = (String) http.toBlocking().retrieve(HttpRequest.POST("/api/v1/providers/it-down-lab/keys", "").bearerAuth(admin),
                Argument.mapOf(String.class, Object.class)).get("apiKey");
        var request = HttpRequest.POST("/api/v1/signals/drug-checking", IntakeFixtures.valid(SourceType.DRUG_CHECKING, "down-1"))
                .contentType(MediaType.APPLICATION_JSON).bearerAuth(key);

        assertThatThrownBy(() -> http.toBlocking().exchange(request))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE.getCode());
                    assertThat(e.getResponse().getHeaders().get("Retry-After")).isNotBlank();
                });
        var signalId = SignalIds.of("it-down-lab", SourceType.DRUG_CHECKING, "down-1");
        assertThatThrownBy(() -> http.toBlocking().exchange(HttpRequest.GET("/api/v1/signals/" + signalId).bearerAuth(key)))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.NOT_FOUND.getCode()));
    }
}
