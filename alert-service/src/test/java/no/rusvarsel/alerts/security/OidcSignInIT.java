package no.rusvarsel.alerts.security;

import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
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

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * alert-service with a Keycloak-style OIDC provider (roles in {@code realm_access.roles}, mapped) next to the dev
 * stack's shared secret: every way a token can be wrong, over HTTP, against the real running service.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcSignInIT implements RealInfraProperties {

    private static final TestOidcProvider OIDC = TestOidcProvider.start();
    private static final String ROLES_CLAIM = "realm_access.roles";

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public String databaseName() {
        return "alerts_oidc_it";
    }

    @Override
    public Map<String, String> getProperties() {
        var props = new HashMap<>(RealInfraProperties.super.getProperties());
        props.putAll(OIDC.serviceProperties());
        props.put("rusvarsel.security.oidc.roles-claim", ROLES_CLAIM);
        props.put("rusvarsel.security.oidc.role-mapping", "rusvarsel-analyst=ANALYST,rusvarsel-operator=OPERATOR");
        props.put("rusvarsel.security.oidc.unknown-key-backoff", "0s");
        props.put("rusvarsel.alerts.consume-detections", "false");
        props.put("rusvarsel.alerts.relay.enabled", "false");
        return props;
    }

    @AfterAll
    void stopProvider() {
        OIDC.close();
    }

    private static String analyst() {
        return OIDC.token().subject("kari").roles(ROLES_CLAIM, List.of("offline_access", "rusvarsel-analyst")).sign();
    }

    private int status(MutableHttpRequest<?> request, String token) {
        try {
            return http.toBlocking().exchange(request.bearerAuth(token)).getStatus().getCode();
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }

    private int listAlerts(String token) {
        return status(HttpRequest.GET("/api/v1/alerts"), token);
    }

    private int acknowledge(String token) {
        return status(HttpRequest.POST("/api/v1/alerts/no-such-alert/acknowledge", Map.of()), token);
    }

    @Test
    void shouldLetAnAnalystSignedInWithTheProviderListAlerts() {
        assertThat(listAlerts(analyst())).isEqualTo(200);
    }

    @Test
    void shouldForbidAnAnalystToAcknowledgeAnAlert() {
        assertThat(acknowledge(analyst())).isEqualTo(403);
    }

    @Test
    void shouldLetAnOperatorPastTheRoleCheckToAcknowledge() {
        var operator = OIDC.token().roles(ROLES_CLAIM, List.of("rusvarsel-operator")).sign();

        // past authentication and the OPERATOR check: the alert does not exist
        assertThat(acknowledge(operator)).isEqualTo(404);
    }

    @Test
    void shouldGrantNoRoleForValuesTheMappingDoesNotName() {
        var unmapped = OIDC.token().roles(ROLES_CLAIM, List.of("ANALYST", "OPERATOR", "uma_authorization")).sign();

        assertThat(listAlerts(unmapped)).isEqualTo(403);
    }

    @Test
    void shouldRejectTokenFromAnotherIssuer() {
        assertThat(listAlerts(OIDC.token().issuer("https://idp.example/realms/other").roles(ROLES_CLAIM, List.of("rusvarsel-analyst")).sign()))
                .isEqualTo(401);
    }

    @Test
    void shouldRejectTokenForAnotherAudience() {
        assertThat(listAlerts(OIDC.token().audience("account").roles(ROLES_CLAIM, List.of("rusvarsel-analyst")).sign()))
                .isEqualTo(401);
    }

    @Test
    void shouldRejectExpiredToken() {
        var expired = OIDC.token().validFor(Duration.ofSeconds(-30)).roles(ROLES_CLAIM, List.of("rusvarsel-analyst")).sign();

        assertThat(listAlerts(expired)).isEqualTo(401);
    }

    @Test
    void shouldRejectTokenSignedByAKeyNotInTheJwks() throws Exception {
        var stranger = new RSAKeyGenerator(2048).keyID("stranger").generate();
        var impostor = new RSAKeyGenerator(2048).keyID(OIDC.currentKeyId()).generate();

        assertThat(listAlerts(OIDC.token().roles(ROLES_CLAIM, List.of("rusvarsel-analyst")).signWith(stranger))).isEqualTo(401);
        assertThat(listAlerts(OIDC.token().roles(ROLES_CLAIM, List.of("rusvarsel-analyst")).signWith(impostor))).isEqualTo(401);
    }

    @Test
    void shouldRejectUnsignedToken() {
        assertThat(listAlerts(OIDC.token().roles(ROLES_CLAIM, List.of("rusvarsel-analyst")).unsigned())).isEqualTo(401);
    }

    @Test
    void shouldRejectHs256TokenSignedWithTheProvidersPublicKey() throws Exception {
        var publicKey = OIDC.currentPublicKey().toRSAPublicKey().getEncoded();

        assertThat(listAlerts(OIDC.token().roles(ROLES_CLAIM, List.of("rusvarsel-analyst")).signHs256With(publicKey)))
                .isEqualTo(401);
    }

    @Test
    void shouldAcceptAKeyRotatedInWithoutRestart() {
        assertThat(listAlerts(analyst())).isEqualTo(200);

        OIDC.rotateKey();

        assertThat(listAlerts(analyst())).isEqualTo(200);
    }

    @Test
    void shouldStillAcceptDevTokensWhileTheSecretIsSet() {
        assertThat(listAlerts(DevTokens.forTest("ANALYST"))).isEqualTo(200);
        assertThat(acknowledge(DevTokens.forTest("ANALYST"))).isEqualTo(403);
    }
}
