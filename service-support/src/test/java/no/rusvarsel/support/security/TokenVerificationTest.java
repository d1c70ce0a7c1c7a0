package no.rusvarsel.support.security;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import no.rusvarsel.infra.DevTokens;
import no.rusvarsel.infra.TestOidcProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Micronaut's own token validation, configured as the services configure it, against a real OIDC provider over HTTP. */
class TokenVerificationTest {

    private static TestOidcProvider provider;
    private ApplicationContext context;

    @BeforeAll
    static void startProvider() {
        provider = TestOidcProvider.start();
    }

    @AfterAll
    static void stopProvider() {
        provider.close();
    }

    @AfterEach
    void stopContext() {
        if (context != null) {
            context.close();
        }
    }

    private Optional<Authentication> verify(String token, Map<String, Object> extra, boolean withSecret) {
        if (context == null) {
            var props = new HashMap<String, Object>(provider.serviceProperties());
            props.put("rusvarsel.security.jwt-secret", withSecret ? DevTokens.TEST_SECRET : "");
            props.put("rusvarsel.security.oidc.unknown-key-backoff", "0s");
            props.putAll(extra);
            context = ApplicationContext.run(props);
        }
        @SuppressWarnings("unchecked")
        var validators = context.getBeansOfType(Argument.of(TokenValidator.class, Object.class));
        return Flux.fromIterable(validators)
                .concatMap(v -> ((TokenValidator<Object>) v).validateToken(token, null))
                .next().blockOptional(Duration.ofSeconds(10));
    }

    private Optional<Authentication> verify(String token) {
        return verify(token, Map.of(), true);
    }

    @Test
    void shouldAcceptATokenOfTheProviderWithItsRoles() {
        var authentication = verify(provider.token().subject("kari").roles("ANALYST").sign());

        assertThat(authentication).hasValueSatisfying(a -> {
            assertThat(a.getName()).isEqualTo("kari");
            assertThat(a.getRoles()).containsExactly("ANALYST");
        });
    }

    @Test
    void shouldMapKeycloakStyleNestedRoles() {
        var token = provider.token().roles("resource_access.rusvarsel.roles", List.of("rv-operator", "uma_authorization")).sign();

        var authentication = verify(token, Map.of(
                "rusvarsel.security.oidc.roles-claim", "resource_access.rusvarsel.roles",
                "rusvarsel.security.oidc.role-mapping", "rv-operator=OPERATOR"), true);

        assertThat(authentication.orElseThrow().getRoles()).containsExactly("OPERATOR");
    }

    @Test
    void shouldRejectTokenFromAnotherIssuer() {
        assertThat(verify(provider.token().issuer("https://evil.example").roles("ADMIN").sign())).isEmpty();
    }

    @Test
    void shouldRejectTokenForAnotherAudience() {
        assertThat(verify(provider.token().audience("another-api").roles("ADMIN").sign())).isEmpty();
        assertThat(verify(provider.token().audience().roles("ADMIN").sign())).isEmpty();
    }

    @Test
    void shouldAcceptTokenWhoseAudiencesIncludeThisApi() {
        assertThat(verify(provider.token().audience("account", TestOidcProvider.AUDIENCE).roles("ADMIN").sign())).isPresent();
    }

    @Test
    void shouldRejectExpiredToken() {
        assertThat(verify(provider.token().validFor(Duration.ofMinutes(-1)).roles("ADMIN").sign())).isEmpty();
    }

    @Test
    void shouldRejectTokenSignedByAKeyTheProviderNeverPublished() throws Exception {
        var forgedKey = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID(provider.currentKeyId()).generate();

        assertThat(verify(provider.token().roles("ADMIN").signWith(forgedKey))).isEmpty();
        assertThat(verify(provider.token().roles("ADMIN").keyId("no-such-key").signWith(forgedKey))).isEmpty();
    }

    @Test
    void shouldRejectUnsignedToken() {
        assertThat(verify(provider.token().roles("ADMIN").unsigned())).isEmpty();
    }

    @Test
    void shouldRejectHs256TokenSignedWithTheProvidersPublicKey() throws Exception {
        var publicKey = provider.currentPublicKey();

        assertThat(verify(provider.token().roles("ADMIN").signHs256With(publicKey.toRSAPublicKey().getEncoded()))).isEmpty();
        assertThat(verify(provider.token().roles("ADMIN").signHs256With(publicKey.toJSONString().getBytes()))).isEmpty();
    }

    @Test
    void shouldAcceptAKeyRotatedInWithoutRestart() {
        assertThat(verify(provider.token().roles("ANALYST").sign())).isPresent();
        var before = provider.jwksRequests();

        provider.rotateKey();

        assertThat(verify(provider.token().roles("ANALYST").sign())).isPresent();
        assertThat(provider.jwksRequests()).isEqualTo(before + 1);
    }

    @Test
    void shouldFetchTheKeysOnceForManyTokens() {
        verify(provider.token().roles("ANALYST").sign());
        var before = provider.jwksRequests();

        for (int i = 0; i < 5; i++) {
            assertThat(verify(provider.token().roles("ANALYST").sign())).isPresent();
        }

        assertThat(provider.jwksRequests()).isEqualTo(before);
    }

    @Test
    void shouldAcceptDevTokensWithTheirRolesClaimWhenTheSecretIsSet() {
        var authentication = verify(DevTokens.forTest("OPERATOR"),
                Map.of("rusvarsel.security.oidc.roles-claim", "realm_access.roles"), true);

        assertThat(authentication.orElseThrow().getRoles()).containsExactly("OPERATOR");
    }

    @Test
    void shouldRejectDevTokensWhenOnlyTheOidcProviderIsConfigured() {
        assertThat(verify(DevTokens.forTest("OPERATOR"), Map.of(), false)).isEmpty();
        assertThat(verify(provider.token().roles("OPERATOR").sign(), Map.of(), false)).isPresent();
    }

    @Test
    void shouldRejectOidcTokensWhenOnlyTheSecretIsConfigured() {
        var token = provider.token().roles("OPERATOR").sign();
        context = ApplicationContext.run(Map.of("rusvarsel.security.jwt-secret", DevTokens.TEST_SECRET));

        assertThat(verify(token)).isEmpty();
        assertThat(verify(DevTokens.forTest("OPERATOR"))).isPresent();
    }

    @Test
    void shouldKeepUsingTheKnownKeysWhileTheProviderIsDown() {
        try (var flaky = TestOidcProvider.start()) {
            var props = new HashMap<String, Object>(flaky.serviceProperties());
            props.put("rusvarsel.security.oidc.jwks-refresh", "1ms");
            context = ApplicationContext.run(props);
            assertThat(verify(flaky.token().roles("ANALYST").sign())).isPresent();

            flaky.close();

            assertThat(verify(flaky.token().roles("ANALYST").sign())).isPresent();
        }
    }

    @Test
    void shouldRejectTokensPromptlyWhenTheProviderDoesNotAnswer() throws Exception {
        try (var silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            var props = new HashMap<String, Object>(provider.serviceProperties());
            props.put("rusvarsel.security.oidc.jwks-url", "http://127.0.0.1:" + silent.getLocalPort() + "/jwks");
            props.put("rusvarsel.security.oidc.jwks-timeout", "500ms");
            context = ApplicationContext.run(props);
            long started = System.nanoTime();

            assertThat(verify(provider.token().roles("ANALYST").sign())).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }
}
