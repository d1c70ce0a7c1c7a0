package no.rusvarsel.support.security;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;

/**
 * Refuses to start a service that could not verify people's tokens, or would verify them wrongly: neither an OIDC
 * provider nor a shared secret, an OIDC provider without issuer or audience, a short secret, a bad role mapping.
 */
@Context
public class SecuritySettingsCheck {

    public SecuritySettingsCheck(OidcSettings oidc, @Nullable @Property(name = TokenSignatures.SECRET_PROPERTY) String secret) {
        var problems = problems(oidc, secret);
        if (!problems.isEmpty()) {
            throw new ConfigurationException("Cannot verify people's tokens: " + String.join("; ", problems));
        }
    }

    static ArrayList<String> problems(OidcSettings oidc, String secret) {
        var problems = new ArrayList<String>();
        boolean hasSecret = secret != null && !secret.isBlank();
        if (!oidc.enabled() && !hasSecret) {
            problems.add("set RUSVARSEL_OIDC_JWKS_URL, RUSVARSEL_OIDC_ISSUER and RUSVARSEL_OIDC_AUDIENCE for an OIDC provider,"
                    + " or RUSVARSEL_JWT_SECRET for the dev stack's shared secret");
        }
        if (hasSecret && secret.getBytes(StandardCharsets.UTF_8).length < 32) {
            problems.add("RUSVARSEL_JWT_SECRET must be at least 32 bytes");
        }
        if (oidc.enabled()) {
            if (!isHttpUrl(oidc.jwksUrl())) {
                problems.add("RUSVARSEL_OIDC_JWKS_URL must be an http(s) URL, not '" + oidc.jwksUrl() + "'");
            }
            if (oidc.issuer() == null) {
                problems.add("RUSVARSEL_OIDC_ISSUER (the tokens' exact iss) is required with RUSVARSEL_OIDC_JWKS_URL");
            }
            if (oidc.audience() == null) {
                problems.add("RUSVARSEL_OIDC_AUDIENCE (this API's client id or resource in aud) is required with RUSVARSEL_OIDC_JWKS_URL");
            }
        }
        try {
            oidc.roles();
        } catch (IllegalArgumentException e) {
            problems.add("RUSVARSEL_OIDC_ROLES_CLAIM / RUSVARSEL_OIDC_ROLE_MAPPING: " + e.getMessage());
        }
        return problems;
    }

    private static boolean isHttpUrl(String url) {
        try {
            var uri = URI.create(url.trim());
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
