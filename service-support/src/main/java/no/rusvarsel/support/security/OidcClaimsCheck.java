package no.rusvarsel.support.security;

import com.nimbusds.jwt.JWTClaimsSet;

import java.util.Optional;

/**
 * What a token signed by the OIDC provider's keys must also say: that provider as its exact issuer, this API among
 * its audiences, and an expiry (checked by Micronaut's expiration validator).
 *
 * @param issuer   the expected {@code iss}
 * @param audience the value {@code aud} must contain
 */
public record OidcClaimsCheck(String issuer, String audience) {

    /** Why these claims are not acceptable, or empty when they are. */
    public Optional<String> problem(JWTClaimsSet claims) {
        if (!issuer.equals(claims.getIssuer())) {
            return Optional.of("issuer " + claims.getIssuer() + " is not " + issuer);
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(audience)) {
            return Optional.of("audience " + claims.getAudience() + " does not contain " + audience);
        }
        if (claims.getExpirationTime() == null) {
            return Optional.of("no expiry");
        }
        return Optional.empty();
    }
}
