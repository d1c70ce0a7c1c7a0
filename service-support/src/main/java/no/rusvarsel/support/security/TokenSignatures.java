package no.rusvarsel.support.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.security.token.jwt.signature.SignatureConfiguration;
import io.micronaut.security.token.jwt.signature.jwks.DefaultJwkSetFetcher;
import io.micronaut.security.token.jwt.signature.jwks.JwkValidator;
import io.micronaut.security.token.jwt.signature.secret.SecretSignature;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * The ways people's tokens may be signed, each present only when configured: the dev stack's shared HS256 secret
 * ({@code rusvarsel.security.jwt-secret}) and the OIDC provider's published keys ({@code rusvarsel.security.oidc.jwks-url}).
 */
@Factory
public class TokenSignatures {

    public static final String SECRET_PROPERTY = "rusvarsel.security.jwt-secret";
    public static final String JWKS_URL_PROPERTY = "rusvarsel.security.oidc.jwks-url";

    @Singleton
    @Named("shared-secret")
    @Requires(property = SECRET_PROPERTY, pattern = ".*\\S.*")
    SignatureConfiguration sharedSecret(@Property(name = SECRET_PROPERTY) String secret) {
        var configuration = new SecretSignatureConfiguration("shared-secret");
        configuration.setSecret(secret);
        configuration.setJwsAlgorithm(JWSAlgorithm.HS256);
        return new SecretSignature(configuration);
    }

    @Singleton
    @Named("oidc")
    @Requires(property = JWKS_URL_PROPERTY, pattern = ".*\\S.*")
    OidcJwksSignature oidcKeys(OidcSettings settings, JwkValidator validator) {
        var fetcher = new DefaultJwkSetFetcher(new JdkJwksClient(settings.jwksTimeout()));
        var keys = new JwksKeys(settings.jwksUrl(), fetcher,
                settings.jwksRefresh(), settings.unknownKeyBackoff(), System::nanoTime);
        return new OidcJwksSignature(keys, validator, new OidcClaimsCheck(settings.issuer(), settings.audience()));
    }
}
