package no.rusvarsel.ingest.benchmark;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import no.rusvarsel.infra.DevTokens;
import no.rusvarsel.infra.RealInfraProperties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The benchmark's bare intake endpoint: with {@code rusvarsel.bench.enabled=true} it takes the providers' API keys and
 * nothing else (same 401/403 as the real intake), answers 202 without looking at the body; without the setting the
 * route does not exist.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BareIntakeIT implements RealInfraProperties {

    private static final Argument<Map<String, Object>> MAP = Argument.mapOf(String.class, Object.class);

    @Inject
    @Client("/")
    HttpClient http;

    private String providerKey;
    private String revokedKey;

    @Override
    public String databaseName() {
        return "ingest_bench_it";
    }

    @Override
    public Map<String, String> getProperties() {
        var props = new HashMap<>(RealInfraProperties.super.getProperties());
        props.put(BareIntakeController.ENABLED, "true");
        return props;
    }

    @BeforeAll
    void createProvider() {
        var admin = DevTokens.forTest("ADMIN");
        var id = "bench-it-" + UUID.randomUUID().toString().substring(0, 8);
        http.toBlocking().exchange(HttpRequest.POST("/api/v1/providers",
                Map.of("id", id, "name", "Bench lab", "sourceTypes", List.of("drug-checking"), "regions", List.of())).bearerAuth(admin));
        providerKey = (String) http.toBlocking().retrieve(HttpRequest.POST("/api/v1/providers/" + id + "/keys", "").bearerAuth(admin), MAP).get("apiKey");
        var revoked = http.toBlocking().retrieve(HttpRequest.POST("/api/v1/providers/" + id + "/keys", "").bearerAuth(admin), MAP);
        revokedKey = (String) revoked.get("apiKey");
        http.toBlocking().exchange(HttpRequest.DELETE("/api/v1/providers/" + id + "/keys/" + revoked.get("keyId")).bearerAuth(admin));
    }

    @Test
    void shouldAnswer202ToAProviderKeyWithoutLookingAtTheBody() {
        HttpResponse<Map<String, Object>> response = http.toBlocking().exchange(HttpRequest.POST("/bench/signals/drug-checking",
                "[{\"not\": \"a valid record\"}]").contentType(MediaType.APPLICATION_JSON_TYPE).bearerAuth(providerKey), MAP);

        assertThat(response.code()).isEqualTo(202);
        assertThat(response.body()).containsEntry("accepted", 0); // nothing was looked at
    }

    @Test
    void shouldRefuseWhatTheRealIntakeRefuses() {
        assertThat(status(HttpRequest.POST("/bench/signals/drug-checking", "[]").contentType(MediaType.APPLICATION_JSON_TYPE)))
                .as("no key").isEqualTo(401);
        assertThat(status(HttpRequest.POST("/bench/signals/drug-checking", "[]").contentType(MediaType.APPLICATION_JSON_TYPE)
                .bearerAuth("rv_unknownkeyunknownkeyunknownkey00"))).as("unknown key").isEqualTo(401);
        assertThat(status(HttpRequest.POST("/bench/signals/drug-checking", "[]").contentType(MediaType.APPLICATION_JSON_TYPE)
                .bearerAuth(revokedKey))).as("revoked key").isEqualTo(401);
        assertThat(status(HttpRequest.POST("/bench/signals/drug-checking", "[]").contentType(MediaType.APPLICATION_JSON_TYPE)
                .bearerAuth(DevTokens.forTest("ADMIN")))).as("a person").isEqualTo(403);
        assertThat(status(HttpRequest.POST("/bench/signals/drug-checking", "[]").contentType(MediaType.TEXT_PLAIN_TYPE)
                .bearerAuth(providerKey))).as("unsupported media type").isEqualTo(415);
    }

    @Test
    void shouldNotExistUnlessEnabled() {
        var props = new HashMap<String, Object>(getProperties());
        props.remove(BareIntakeController.ENABLED);
        try (var server = ApplicationContext.run(EmbeddedServer.class, props);
             var client = HttpClient.create(server.getURL())) {
            assertThat(server.getApplicationContext().getBeansOfType(BareIntakeController.class)).isEmpty();
            // whoever asks, with whatever credential: as docs/authorization-matrix.md has it
            for (var credential : java.util.Arrays.asList(null, providerKey, revokedKey, DevTokens.forTest("ADMIN"))) {
                var request = HttpRequest.POST("/bench/signals/drug-checking", "[]").contentType(MediaType.APPLICATION_JSON_TYPE);
                if (credential != null) {
                    request.bearerAuth(credential);
                }
                assertThatThrownBy(() -> client.toBlocking().exchange(request)).as("credential %s", credential)
                        .isInstanceOfSatisfying(HttpClientResponseException.class, e -> assertThat(e.code()).isEqualTo(404));
            }
        }
    }

    private int status(HttpRequest<?> request) {
        try {
            return http.toBlocking().exchange(request).code();
        } catch (HttpClientResponseException e) {
            return e.code();
        }
    }
}
