package no.rusvarsel.infra;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/**
 * Signs the ready-made people tokens of the dev stack and the tests: HS256 JWTs with a {@code roles}
 * claim, verified by the services through {@code RUSVARSEL_JWT_SECRET}.
 */
public final class DevTokens {

    public static final String ISSUER = "rusvarsel-devstack";

    /** The fixed secret integration tests run the services with. */
    public static final String TEST_SECRET = "rusvarsel-test-secret-0123456789abcdefghijklmnop";

    private DevTokens() {
    }

    /** A new random secret of 256 bits, base64url. */
    public static String newSecret() {
        var bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String sign(String secret, String subject, List<String> roles, Duration validFor) {
        return sign(secret, subject, roles, Instant.now(), validFor);
    }

    public static String sign(String secret, String subject, List<String> roles, Instant now, Duration validFor) {
        var claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer(ISSUER)
                .claim("roles", roles)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(validFor)))
                .build();
        try {
            var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new MACSigner(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalArgumentException("cannot sign token (secret must be at least 32 bytes)", e);
        }
    }

    /** A token for tests, signed with {@link #TEST_SECRET}, valid for an hour. */
    public static String forTest(String role) {
        return sign(TEST_SECRET, "test-" + role.toLowerCase(java.util.Locale.ROOT), List.of(role), Duration.ofHours(1));
    }
}
