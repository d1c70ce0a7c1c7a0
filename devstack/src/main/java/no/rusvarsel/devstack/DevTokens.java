package no.rusvarsel.devstack;


import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Ready-made HS256 JWTs for people, signed with the dev stack's shared secret (DESIGN §3). */
public final class DevTokens {

    public static final String ISSUER = no.rusvarsel.infra.DevTokens.ISSUER;
    public static final Duration LIFETIME = Duration.ofDays(30);
    /** Role → subject of the dev user that has it. */
    public static final Map<String, String> USERS = users();

    private DevTokens() {
    }

    private static Map<String, String> users() {
        var users = new LinkedHashMap<String, String>();
        users.put("ANALYST", "dev-analyst");
        users.put("OPERATOR", "dev-operator");
        users.put("ADMIN", "dev-admin");
        return java.util.Collections.unmodifiableMap(users);
    }

    /** One token per role, in the order ANALYST, OPERATOR, ADMIN. */
    public static Map<String, String> forAllRoles(String secret, Instant now) {
        var tokens = new LinkedHashMap<String, String>();
        USERS.forEach((role, subject) -> tokens.put(role, token(secret, subject, role, now)));
        return tokens;
    }

    public static String token(String secret, String subject, String role, Instant now) {
        return no.rusvarsel.infra.DevTokens.sign(secret, subject, List.of(role), now, LIFETIME);
    }
}
