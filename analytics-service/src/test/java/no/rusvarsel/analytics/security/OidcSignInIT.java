package no.rusvarsel.analytics.security;

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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** analytics-service with an OIDC provider (Entra-style app roles, mapped) beside the dev stack's shared secret. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcSignInIT implements RealInfraProperties {

    private static final TestOidcProvider OIDC = TestOidcProvider.start();

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        var props = new HashMap<>(RealInfraProperties.super.getProperties());
        props.putAll(OIDC.serviceProperties());
        props.put("rusvarsel.security.oidc.role-mapping", "Rusvarsel.Analyst=ANALYST,Rusvarsel.Operator=OPERATOR");
        try {
            props.put("kafka.streams.default.state.dir", Files.createTempDirectory("analytics-oidc-it-state").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return props;
    }

    @AfterAll
    void stopProvider() {
        OIDC.close();
    }

    private int watchlist(String token) {
        try {
            MutableHttpRequest<?> request = HttpRequest.GET("/api/v1/watchlist").bearerAuth(token);
            return http.toBlocking().exchange(request).getStatus().getCode();
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }

    @Test
    void shouldLetAnAnalystSignedInWithTheProviderReadTheWatchlist() {
        assertThat(watchlist(OIDC.token().roles("Rusvarsel.Analyst").sign())).isEqualTo(200);
    }

    @Test
    void shouldRejectTokenFromAnotherIssuer() {
        assertThat(watchlist(OIDC.token().issuer(DevTokens.ISSUER).roles("Rusvarsel.Analyst").sign())).isEqualTo(401);
    }

    @Test
    void shouldRejectExpiredToken() {
        assertThat(watchlist(OIDC.token().validFor(Duration.ofSeconds(-30)).roles("Rusvarsel.Analyst").sign())).isEqualTo(401);
    }

    @Test
    void shouldStillAcceptDevTokensWhileTheSecretIsSet() {
        assertThat(watchlist(DevTokens.forTest("ANALYST"))).isEqualTo(200);
    }
}
