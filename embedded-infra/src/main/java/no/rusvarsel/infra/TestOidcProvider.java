package no.rusvarsel.infra;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real OIDC provider for tests, on a random loopback port: publishes its discovery document and RSA signing keys
 * (JWKS) over HTTP, signs tokens with any claims, and rotates to a new key id on request. Further endpoints are added
 * with {@link #route} and listed by {@link #discovery}; {@link #pkceClient} adds an authorization and token endpoint
 * for a public client's authorization code sign-in with PKCE.
 */
public final class TestOidcProvider implements AutoCloseable {

    /** The audience tokens carry unless told otherwise, and services under test expect. */
    public static final String AUDIENCE = "rusvarsel-api";

    public static final String DISCOVERY_PATH = "/.well-known/openid-configuration";
    public static final String JWKS_PATH = "/jwks";

    private final HttpServer server;
    private final String issuer;
    private final List<RSAKey> keys = new CopyOnWriteArrayList<>();
    private final Map<String, String> endpoints = new LinkedHashMap<>();
    private final AtomicInteger jwksRequests = new AtomicInteger();

    private TestOidcProvider(HttpServer server) {
        this.server = server;
        this.issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/rusvarsel-test";
        keys.add(newKey());
        route(JWKS_PATH, "jwks_uri", exchange -> {
            jwksRequests.incrementAndGet();
            respond(exchange, publishedKeys().toString());
        });
        route(DISCOVERY_PATH, null, exchange -> respond(exchange, JSONObjectUtils.toJSONString(discovery())));
    }

    /** Starts a provider with one signing key. */
    public static TestOidcProvider start() {
        try {
            var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            var provider = new TestOidcProvider(server);
            server.start();
            return provider;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the test OIDC provider", e);
        }
    }

    /** The {@code iss} of its tokens; also the base of its endpoints. */
    public String issuer() {
        return issuer;
    }

    public String jwksUrl() {
        return issuer + JWKS_PATH;
    }

    public String discoveryUrl() {
        return issuer + DISCOVERY_PATH;
    }

    /** How often its keys were fetched. */
    public int jwksRequests() {
        return jwksRequests.get();
    }

    /** The key id tokens are signed with now. */
    public String currentKeyId() {
        return signingKey().getKeyID();
    }

    /** The public half of the current signing key, as published. */
    public RSAKey currentPublicKey() {
        return signingKey().toPublicJWK();
    }

    /** Publishes a new key (the old ones stay published) and signs with it from now on; returns its key id. */
    public String rotateKey() {
        var key = newKey();
        keys.add(key);
        return key.getKeyID();
    }

    /**
     * The properties that point a Rusvarsel service at this provider (issuer, JWKS, {@link #AUDIENCE}); roles are
     * read from the {@code roles} claim unless the test sets {@code rusvarsel.security.oidc.roles-claim}.
     */
    public Map<String, String> serviceProperties() {
        var props = new HashMap<String, String>();
        props.put("rusvarsel.security.oidc.jwks-url", jwksUrl());
        props.put("rusvarsel.security.oidc.issuer", issuer);
        props.put("rusvarsel.security.oidc.audience", AUDIENCE);
        return props;
    }

    /** A token from this provider: its issuer, {@link #AUDIENCE}, subject {@code test-user}, valid for an hour. */
    public Token token() {
        return new Token(this);
    }

    /** The discovery document: the issuer and every endpoint added with {@link #route}. */
    public Map<String, Object> discovery() {
        var document = new LinkedHashMap<String, Object>();
        document.put("issuer", issuer);
        endpoints.forEach((name, path) -> document.put(name, issuer + path));
        document.put("id_token_signing_alg_values_supported", List.of("RS256"));
        return document;
    }

    /**
     * Serves {@code handler} at {@code path} (below the issuer) and, when {@code discoveryName} is given (e.g.
     * {@code token_endpoint}), lists it in the discovery document.
     */
    public void route(String path, String discoveryName, HttpHandler handler) {
        server.createContext(URI.create(issuer).getPath() + path, handler);
        if (discoveryName != null) {
            endpoints.put(discoveryName, path);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private RSAKey signingKey() {
        return keys.get(keys.size() - 1);
    }

    private JWKSet publishedKeys() {
        return new JWKSet(new ArrayList<>(keys)).toPublicJWKSet();
    }

    private static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Signs people in by the authorization code flow with PKCE, as a real provider would after its login page, for one
     * public client: {@code /auth} (the {@code authorization_endpoint}) redirects straight back to {@code redirectUri}
     * with a one-time code, after checking the client id, redirect URI and an S256 {@code code_challenge};
     * {@code /token} (the {@code token_endpoint}) takes that code with the matching {@code code_verifier}, client id and
     * redirect URI and answers {@code accessToken}'s token (RS256, signed now). The token endpoint allows CORS from
     * {@code allowedOrigin}, as a provider configured with the dashboard's web origin does. Wrong requests get the
     * OAuth errors ({@code invalid_request}, {@code invalid_grant}) with status 400.
     */
    public void pkceClient(String clientId, String redirectUri, String allowedOrigin, java.util.function.Supplier<String> accessToken) {
        record Grant(String clientId, String redirectUri, String challenge) {
        }
        var grants = new java.util.concurrent.ConcurrentHashMap<String, Grant>();
        route("/auth", "authorization_endpoint", exchange -> {
            var q = form(exchange.getRequestURI().getRawQuery());
            String problem = !"code".equals(q.get("response_type")) ? "response_type must be code"
                    : !clientId.equals(q.get("client_id")) ? "unknown client_id " + q.get("client_id")
                    : !redirectUri.equals(q.get("redirect_uri")) ? "redirect_uri " + q.get("redirect_uri") + " is not registered"
                    : !"S256".equals(q.get("code_challenge_method")) ? "code_challenge_method must be S256"
                    : q.getOrDefault("code_challenge", "").length() < 43 ? "code_challenge missing" : null;
            if (problem != null) {
                send(exchange, 400, "text/plain", problem, null);
                return;
            }
            var code = UUID.randomUUID().toString();
            grants.put(code, new Grant(clientId, redirectUri, q.get("code_challenge")));
            var back = redirectUri + (redirectUri.contains("?") ? "&" : "?") + "code=" + code
                    + (q.containsKey("state") ? "&state=" + java.net.URLEncoder.encode(q.get("state"), StandardCharsets.UTF_8) : "");
            exchange.getResponseHeaders().set("Location", back);
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        route("/token", "token_endpoint", exchange -> {
            if (exchange.getRequestMethod().equals("OPTIONS")) {
                exchange.getResponseHeaders().set("Access-Control-Allow-Methods", "POST");
                exchange.getResponseHeaders().set("Access-Control-Allow-Headers", "Content-Type, Accept");
                send(exchange, 204, null, null, allowedOrigin);
                return;
            }
            var f = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            var grant = f.get("code") == null ? null : grants.remove(f.get("code"));
            String problem = !exchange.getRequestMethod().equals("POST") ? "invalid_request"
                    : !"authorization_code".equals(f.get("grant_type")) ? "unsupported_grant_type"
                    : grant == null || !grant.clientId().equals(f.get("client_id")) || !grant.redirectUri().equals(f.get("redirect_uri"))
                    || f.get("code_verifier") == null || !grant.challenge().equals(s256(f.get("code_verifier"))) ? "invalid_grant" : null;
            if (problem != null) {
                send(exchange, 400, "application/json", "{\"error\":\"" + problem + "\"}", allowedOrigin);
                return;
            }
            send(exchange, 200, "application/json", JSONObjectUtils.toJSONString(Map.of("access_token", accessToken.get(),
                    "token_type", "Bearer", "expires_in", 3600)), allowedOrigin);
        });
    }

    private static String s256(String verifier) {
        try {
            var digest = java.security.MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(String raw) {
        var out = new HashMap<String, String>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (var pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            var name = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            out.put(name, eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static void send(HttpExchange exchange, int status, String type, String text, String allowedOrigin) throws IOException {
        if (allowedOrigin != null) {
            exchange.getResponseHeaders().set("Access-Control-Allow-Origin", allowedOrigin);
            exchange.getResponseHeaders().set("Vary", "Origin");
        }
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        if (text == null) {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            return;
        }
        var body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Discovery and keys are public documents: readable from any web origin (CORS), as real providers serve them. */
    private static void respond(HttpExchange exchange, String json) throws IOException {
        var body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
        exchange.sendResponseHeaders(200, body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** A token being written: claims first, then one of the ways to sign it. */
    public static final class Token {

        private final TestOidcProvider provider;
        private final JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();
        private final Map<String, Object> nested = new LinkedHashMap<>();
        private Instant issuedAt = Instant.now();
        private Duration validFor = Duration.ofHours(1);
        private String keyId;

        private Token(TestOidcProvider provider) {
            this.provider = provider;
            claims.issuer(provider.issuer).audience(AUDIENCE).subject("test-user").jwtID(UUID.randomUUID().toString());
        }

        public Token subject(String subject) {
            claims.subject(subject);
            return this;
        }

        public Token issuer(String issuer) {
            claims.issuer(issuer);
            return this;
        }

        /** One or more audiences; none: no {@code aud} claim. */
        public Token audience(String... audiences) {
            claims.audience(audiences.length == 0 ? null : List.of(audiences));
            return this;
        }

        /** The roles at a claim path, dotted for nested objects ({@code realm_access.roles}). */
        public Token roles(String claimPath, List<String> roles) {
            return claim(claimPath, roles);
        }

        /** Roles in the top-level {@code roles} claim. */
        public Token roles(String... roles) {
            return claim("roles", List.of(roles));
        }

        /** Any claim; a dotted path makes nested objects ({@code resource_access.rusvarsel.roles}). */
        public Token claim(String path, Object value) {
            var names = path.split("\\.");
            if (names.length == 1) {
                claims.claim(path, value);
                return this;
            }
            Map<String, Object> node = nested;
            for (int i = 0; i < names.length - 1; i++) {
                @SuppressWarnings("unchecked")
                var child = (Map<String, Object>) node.computeIfAbsent(names[i], n -> new LinkedHashMap<String, Object>());
                node = child;
            }
            node.put(names[names.length - 1], value);
            return this;
        }

        /** Issued now and expiring this long after (negative: already expired). */
        public Token validFor(Duration validFor) {
            this.validFor = validFor;
            return this;
        }

        public Token issuedAt(Instant issuedAt) {
            this.issuedAt = issuedAt;
            return this;
        }

        /** The {@code kid} header; default: the current signing key's id. */
        public Token keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        public JWTClaimsSet claims() {
            nested.forEach(claims::claim);
            return claims.issueTime(Date.from(issuedAt)).expirationTime(Date.from(issuedAt.plus(validFor))).build();
        }

        /** Signed RS256 with the provider's current key. */
        public String sign() {
            return signWith(provider.signingKey());
        }

        /** Signed RS256 with any RSA key (one the provider never published: a forgery). */
        public String signWith(RSAKey key) {
            var kid = keyId != null ? keyId : key.getKeyID();
            try {
                var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(kid).build(), claims());
                jwt.sign(new RSASSASigner(key));
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Signed HS256 with the given bytes as the shared secret (e.g. the provider's public key, an attack). */
        public String signHs256With(byte[] secret) {
            var kid = keyId != null ? keyId : provider.currentKeyId();
            try {
                var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).keyID(kid).build(), claims());
                jwt.sign(new MACSigner(secret));
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Not signed at all: {@code alg: none}. */
        public String unsigned() {
            return new PlainJWT(claims()).serialize();
        }
    }
}
