package no.rusvarsel.alerts.dashboard;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import no.rusvarsel.support.security.OidcSettings;
import no.rusvarsel.support.security.RoleMapping;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the dashboard signs people in: with the OIDC provider ({@code rusvarsel.security.oidc.issuer}) by the
 * authorization code flow with PKCE, as the public client {@code rusvarsel.dashboard.oidc.client-id}, when that is
 * set; always also by pasting a token. {@code GET /api/v1/dashboard/sign-in} tells the page, anonymously: nothing in it
 * is secret (a public client has no secret).
 */
@Controller("/api/v1/dashboard/sign-in")
@Secured(SecurityRule.IS_ANONYMOUS)
public class DashboardSignIn {

    private final String issuer;
    private final String clientId;
    private final List<String> scopes;
    private final String rolesClaim;
    private final Map<String, Set<String>> roleMapping;

    public DashboardSignIn(OidcSettings oidc,
                           @Value("${rusvarsel.dashboard.oidc.client-id:}") String clientId,
                           @Value("${rusvarsel.dashboard.oidc.scopes:openid}") String scopes) {
        boolean on = clientId != null && !clientId.isBlank() && oidc.issuer() != null && !oidc.issuer().isBlank()
                && oidc.jwksUrl() != null && !oidc.jwksUrl().isBlank();
        this.issuer = on ? oidc.issuer().strip() : null;
        this.clientId = on ? clientId.strip() : null;
        var list = Arrays.stream((scopes == null ? "" : scopes).split("[\\s,]+")).filter(s -> !s.isBlank()).toList();
        this.scopes = list.isEmpty() ? List.of("openid") : list;
        var mapping = on ? RoleMapping.parse(oidc.rolesClaim(), oidc.roleMapping()) : null;
        this.rolesClaim = mapping == null ? null : mapping.claimPath();
        this.roleMapping = mapping == null ? null : mapping.mapping();
    }

    /**
     * The page's sign-in settings.
     *
     * @param oidc        whether the "Sign in with your organisation" button is offered
     * @param issuer      the provider (its discovery document is at issuer + /.well-known/openid-configuration)
     * @param clientId    the dashboard's public client id at the provider
     * @param scopes      the scopes asked for
     * @param rolesClaim  where the provider's tokens hold the roles (for display; the server decides)
     * @param roleMapping claim value to the Rusvarsel roles it grants; empty: values are role names
     */
    @Serdeable
    public record Config(boolean oidc, @Nullable String issuer, @Nullable String clientId, List<String> scopes,
                         @Nullable String rolesClaim, @Nullable Map<String, Set<String>> roleMapping) {
    }

    @Operation(summary = "How the dashboard signs in: the OIDC provider and public client id, if any (anonymous)")
    @Get
    public Config config() {
        return new Config(issuer != null, issuer, clientId, scopes, rolesClaim, roleMapping);
    }

    /** The provider's origin (scheme://host[:port]) the page must be allowed to call, or null without OIDC sign-in. */
    @Nullable
    public String providerOrigin() {
        if (issuer == null) {
            return null;
        }
        var uri = URI.create(issuer);
        if (uri.getScheme() == null || uri.getHost() == null) {
            return null;
        }
        return uri.getScheme().toLowerCase() + "://" + uri.getHost().toLowerCase() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }
}
