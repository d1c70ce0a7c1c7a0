package no.rusvarsel.ingest.security;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import no.rusvarsel.infra.DevTokens;
import no.rusvarsel.infra.RealInfraProperties;
import no.rusvarsel.infra.TestOidcProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ingest-service as in production (OIDC provider, no shared secret): an administrator signed in with the provider
 * manages data providers, whose API keys keep working beside the people's tokens.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcSignInIT implements RealInfraProperties {

    private static final TestOidcProvider OIDC = TestOidcProvider.start();

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public String databaseName() {
        return "ingest_oidc_it";
    }

    @Override
    public Map<String, String> getProperties() {
        var props = new HashMap<>(RealInfraProperties.super.getProperties());
        props.put("rusvarsel.security.jwt-secret", "");
        props.putAll(OIDC.serviceProperties());
        props.put("rusvarsel.security.oidc.roles-claim", "resource_access.rusvarsel.roles");
        props.put("rusvarsel.security.oidc.role-mapping", "admin=ADMIN,analyst=ANALYST");
        return props;
    }

    @AfterAll
    void stopProvider() {
        OIDC.close();
    }

    private static String person(String role) {
        return OIDC.token().roles("resource_access.rusvarsel.roles", List.of(role)).sign();
    }

    private int status(MutableHttpRequest<?> request) {
        try {
            return http.toBlocking().exchange(request).getStatus().getCode();
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }

    @Test
    void shouldLetAnAdministratorSignedInWithTheProviderIssueAnApiKeyThatWorks() {
        var admin = person("admin");
        http.toBlocking().exchange(HttpRequest.POST("/api/v1/providers", Map.of("id", "oidc-lab", "name", "OIDC lab",
                "sourceTypes", List.of("drug-checking"))).bearerAuth(admin));
        var issued = http.toBlocking().retrieve(HttpRequest.POST("/api/v1/providers/oidc-lab/keys", Map.of()).bearerAuth(admin),
                Argument.mapOf(String.class, Object.class));

        // authenticated as the provider: the signal simply does not exist
        assertThat(status(HttpRequest.GET("/api/v1/signals/no-such-signal").bearerAuth(issued.get("apiKey").toString())))
                .isEqualTo(404);
    }

    @Test
    void shouldForbidAnAnalystToManageProviders() {
        assertThat(status(HttpRequest.GET("/api/v1/providers").bearerAuth(person("analyst")))).isEqualTo(403);
    }

    @Test
    void shouldRejectTokenForAnotherAudience() {
        var token = OIDC.token().audience("account").roles("resource_access.rusvarsel.roles", List.of("admin")).sign();

        assertThat(status(HttpRequest.GET("/api/v1/providers").bearerAuth(token))).isEqualTo(401);
    }

    @Test
    void shouldRejectDevTokensWhenOnlyTheOidcProviderIsConfigured() {
        assertThat(status(HttpRequest.GET("/api/v1/providers").bearerAuth(DevTokens.forTest("ADMIN")))).isEqualTo(401);
    }
}
