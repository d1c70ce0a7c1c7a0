package no.rusvarsel.support.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * The OIDC provider people sign in with ({@code rusvarsel.security.oidc.*}, set from {@code RUSVARSEL_OIDC_*}):
 * off while {@link #jwksUrl()} is empty.
 *
 * @param jwksUrl            where the provider publishes its signing keys (JWKS)
 * @param issuer             the exact {@code iss} of the provider's tokens
 * @param audience           a value the tokens' {@code aud} must contain (this API's client id or resource)
 * @param rolesClaim         the claim holding the roles, a dotted path for nested claims
 * @param roleMapping        {@code value=ROLE,…}; empty: claim values are taken as role names
 * @param jwksRefresh        how old fetched keys may get before they are fetched again
 * @param unknownKeyBackoff  a token with an unknown key id makes the keys be fetched again at most this often
 * @param jwksTimeout        longest wait for the provider's keys
 */
@ConfigurationProperties("rusvarsel.security.oidc")
public record OidcSettings(@Nullable String jwksUrl,
                           @Nullable String issuer,
                           @Nullable String audience,
                           @Bindable(defaultValue = "roles") String rolesClaim,
                           @Nullable String roleMapping,
                           @Bindable(defaultValue = "5m") Duration jwksRefresh,
                           @Bindable(defaultValue = "10s") Duration unknownKeyBackoff,
                           @Bindable(defaultValue = "5s") Duration jwksTimeout) {

    public OidcSettings {
        jwksUrl = trimmed(jwksUrl);
        issuer = trimmed(issuer);
        audience = trimmed(audience);
        roleMapping = trimmed(roleMapping);
    }

    /** Whether people's tokens may come from an OIDC provider. */
    public boolean enabled() {
        return jwksUrl != null;
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** How roles are read from this provider's tokens. */
    public RoleMapping roles() {
        return RoleMapping.parse(rolesClaim, roleMapping);
    }
}
