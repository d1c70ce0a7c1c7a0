package no.rusvarsel.support.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.security.token.DefaultRolesFinder;
import io.micronaut.security.token.RolesFinder;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

/**
 * Gives a signed-in person their roles: tokens of the OIDC provider (by issuer) through the configured claim and
 * mapping, the dev stack's shared-secret tokens through their {@code roles} claim.
 */
@Singleton
@Replaces(DefaultRolesFinder.class)
public class ClaimRolesFinder implements RolesFinder {

    private final String oidcIssuer;
    private final RoleMapping oidcRoles;

    public ClaimRolesFinder(OidcSettings settings) {
        this.oidcIssuer = settings.enabled() ? settings.issuer() : null;
        this.oidcRoles = settings.roles();
    }

    @Override
    public List<String> resolveRoles(Map<String, Object> claims) {
        boolean fromOidcProvider = oidcIssuer != null && oidcIssuer.equals(claims.get("iss"));
        return (fromOidcProvider ? oidcRoles : RoleMapping.PLAIN).rolesIn(claims);
    }
}
