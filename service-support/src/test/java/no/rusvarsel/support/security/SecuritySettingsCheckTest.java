package no.rusvarsel.support.security;

import io.micronaut.context.ApplicationContext;
import no.rusvarsel.infra.DevTokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecuritySettingsCheckTest {

    private static OidcSettings oidc(String jwksUrl, String issuer, String audience, String mapping) {
        return new OidcSettings(jwksUrl, issuer, audience, "roles", mapping, Duration.ofMinutes(5), Duration.ofSeconds(10), Duration.ofSeconds(5));
    }

    @Test
    void shouldRefuseToStartWithNeitherAnOidcProviderNorASecret() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("rusvarsel.security.jwt-secret", "")).close())
                .hasStackTraceContaining("Cannot verify people's tokens: set RUSVARSEL_OIDC_JWKS_URL, RUSVARSEL_OIDC_ISSUER and"
                        + " RUSVARSEL_OIDC_AUDIENCE for an OIDC provider, or RUSVARSEL_JWT_SECRET for the dev stack's shared secret");
    }

    @Test
    void shouldStartWithTheSharedSecretAlone() {
        try (var context = ApplicationContext.run(Map.of("rusvarsel.security.jwt-secret", DevTokens.TEST_SECRET))) {
            assertThat(context.getBean(SecuritySettingsCheck.class)).isNotNull();
        }
    }

    @Test
    void shouldStartWithAnOidcProviderAlone() {
        var settings = oidc("https://idp.example/jwks", "https://idp.example", "rusvarsel-api", "");

        assertThat(SecuritySettingsCheck.problems(settings, null)).isEmpty();
    }

    @Test
    void shouldRequireIssuerAndAudienceWithAJwksUrl() {
        var problems = SecuritySettingsCheck.problems(oidc("https://idp.example/jwks", null, " ", null), null);

        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).contains("RUSVARSEL_OIDC_ISSUER");
        assertThat(problems.get(1)).contains("RUSVARSEL_OIDC_AUDIENCE");
    }

    @Test
    void shouldRejectAJwksUrlThatIsNotHttp() {
        assertThat(SecuritySettingsCheck.problems(oidc("idp.example/jwks", "i", "a", null), null))
                .singleElement().asString().contains("RUSVARSEL_OIDC_JWKS_URL must be an http(s) URL");
    }

    @Test
    void shouldRejectASecretTooShortForHs256() {
        assertThat(SecuritySettingsCheck.problems(oidc(null, null, null, null), "short"))
                .singleElement().asString().contains("at least 32 bytes");
    }

    @Test
    void shouldRejectABadRoleMapping() {
        assertThat(SecuritySettingsCheck.problems(oidc(null, null, null, "x=ROOT"), DevTokens.TEST_SECRET))
                .singleElement().asString().contains("RUSVARSEL_OIDC_ROLE_MAPPING").contains("x=ROOT");
    }
}
