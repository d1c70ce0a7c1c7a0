package no.rusvarsel.alerts.security;

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
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** alert-service as in production: an Entra-style OIDC provider (app roles in {@code roles}) and no shared secret. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcOnlyIT implements RealInfraProperties {

    private static final TestOidcProvider OIDC = TestOidcProvider.start();

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public String databaseName() {
        return "alerts_oidc_only_it";
    }

    @Override
    public Map<String, String> getProperties() {
        var props = new HashMap<>(RealInfraProperties.super.getProperties());
        props.put("rusvarsel.security.jwt-secret", "");
        props.putAll(OIDC.serviceProperties());
        props.put("rusvarsel.security.oidc.role-mapping", "Rusvarsel.Analyst=ANALYST,Rusvarsel.Operator=OPERATOR");
        props.put("rusvarsel.alerts.consume-detections", "false");
        props.put("rusvarsel.alerts.relay.enabled", "false");
        return props;
    }

    @AfterAll
    void stopProvider() {
        OIDC.close();
    }

    private int status(MutableHttpRequest<?> request, String token) {
        try {
            return http.toBlocking().exchange(request.bearerAuth(token)).getStatus().getCode();
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }

    @Test
    void shouldAcceptEntraStyleAppRoles() {
        var operator = OIDC.token().roles("Rusvarsel.Operator").sign();

        assertThat(status(HttpRequest.GET("/api/v1/alerts"), operator)).isEqualTo(200);
        assertThat(status(HttpRequest.POST("/api/v1/alerts/no-such-alert/acknowledge", Map.of()), operator)).isEqualTo(404);
    }

    @Test
    void shouldRejectDevTokensWhenOnlyTheOidcProviderIsConfigured() {
        assertThat(status(HttpRequest.GET("/api/v1/alerts"), DevTokens.forTest("ADMIN"))).isEqualTo(401);
    }

    @Test
    void shouldKeepHealthAnonymous() {
        assertThat(http.toBlocking().exchange(HttpRequest.GET("/health")).getStatus().getCode()).isEqualTo(200);
    }
}
