package no.rusvarsel.support.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.security.token.jwt.signature.ReactiveSignatureConfiguration;
import io.micronaut.security.token.jwt.signature.jwks.JwkValidator;
import io.micronaut.security.token.jwt.signature.jwks.JwksSignatureUtils;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.text.ParseException;
import java.util.Set;

/**
 * Verifies people's tokens against the OIDC provider's published keys (asymmetric algorithms only, the key chosen by
 * {@code kid} and key type, checked by Micronaut's {@link JwkValidator}) and accepts a verified token only when it
 * also carries the provider's issuer and this API's audience.
 */
public class OidcJwksSignature implements ReactiveSignatureConfiguration<SignedJWT> {

    private static final Logger LOG = LoggerFactory.getLogger(OidcJwksSignature.class);

    /** RSA and EC signatures: never HMAC (a public key used as a shared secret) and never {@code none}. */
    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(
            JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512,
            JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    private final JwksKeys keys;
    private final JwkValidator validator;
    private final OidcClaimsCheck claims;

    OidcJwksSignature(JwksKeys keys, JwkValidator validator, OidcClaimsCheck claims) {
        this.keys = keys;
        this.validator = validator;
        this.claims = claims;
    }

    @Override
    public Publisher<Boolean> verify(SignedJWT jwt) {
        var algorithm = jwt.getHeader().getAlgorithm();
        if (!ALGORITHMS.contains(algorithm)) {
            LOG.debug("Token rejected by the OIDC keys: algorithm {} is not accepted", algorithm);
            return Mono.just(false);
        }
        return keys.forKeyId(jwt.getHeader().getKeyID())
                .map(jwkSet -> signedByOneOf(jwkSet, jwt) && claimsAccepted(jwt))
                .defaultIfEmpty(false);
    }

    private boolean signedByOneOf(JWKSet jwkSet, SignedJWT jwt) {
        var candidates = JwksSignatureUtils.matches(jwt, jwkSet, KeyType.forAlgorithm(jwt.getHeader().getAlgorithm()))
                .stream().filter(OidcJwksSignature::forSigning).toList();
        boolean verified = JwksSignatureUtils.verify(validator, candidates, jwt);
        if (!verified) {
            LOG.debug("Token rejected: no key of the OIDC provider with id {} verifies it", jwt.getHeader().getKeyID());
        }
        return verified;
    }

    private static boolean forSigning(JWK key) {
        return key.getKeyUse() == null || KeyUse.SIGNATURE.equals(key.getKeyUse());
    }

    private boolean claimsAccepted(SignedJWT jwt) {
        try {
            var problem = claims.problem(jwt.getJWTClaimsSet());
            problem.ifPresent(reason -> LOG.debug("Token signed by the OIDC provider rejected: {}", reason));
            return problem.isEmpty();
        } catch (ParseException e) {
            return false;
        }
    }
}
