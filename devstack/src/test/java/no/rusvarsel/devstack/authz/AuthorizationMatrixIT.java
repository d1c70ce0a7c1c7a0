package no.rusvarsel.devstack.authz;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import no.rusvarsel.infra.DevTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9, authorisation: every cell of {@code docs/authorization-matrix.md} (endpoint × caller → status) is one real
 * HTTP request against the running dev stack; every mismatch is reported at once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixIT {

    private static final String PROVIDER_A = "authz-a";
    private static final String PROVIDER_B = "authz-b";
    private static final List<String> COUNTIES = List.of("03", "11", "15", "18", "31", "32", "33", "34", "39", "40",
            "42", "46", "50", "55", "56");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z-]+)}");
    private static final Duration PIPELINE = Duration.ofSeconds(120);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = ObjectMapper.getDefault();
    private final AtomicInteger serial = new AtomicInteger();
    private final AuthorizationMatrix matrix = AuthorizationMatrix.read();
    private AuthzStack stack;

    /** Caller column → bearer credential (null: anonymous). */
    private final Map<String, String> bearer = new HashMap<>();
    /** Plain fixtures: placeholder → value. */
    private final Map<String, String> fixtures = new HashMap<>();
    /** {new-x}: fresh fixtures for the cells that expect a 2xx. */
    private final Map<String, Deque<String>> fresh = new HashMap<>();
    private String watchlistEntry;

    @BeforeAll
    void startTheStackAndMakeTheFixtures() throws Exception {
        long started = System.nanoTime();
        stack = new AuthzStack(Map.of(
                "RUSVARSEL_WEBHOOK_ALLOW_LIST", "127.0.0.1",
                "RUSVARSEL_SSE_HEARTBEAT", "1s"));
        System.out.printf("[authz] stack up in %d s%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
        started = System.nanoTime();
        var admin = stack.token("ADMIN");
        var analyst = stack.token("ANALYST");

        // providers A and B (drug-checking), each with a key; a spare key of A for the refused DELETE cells
        for (var id : List.of(PROVIDER_A, PROVIDER_B)) {
            expect(call("ingest", "POST", "/api/v1/providers", admin,
                    "{\"id\":\"" + id + "\",\"name\":\"Authz " + id + "\",\"sourceTypes\":[\"drug-checking\"]}"), 201);
        }
        bearer.put("anonymous", null);
        bearer.put("provider A", issueKey(PROVIDER_A).get("apiKey"));
        bearer.put("provider B", issueKey(PROVIDER_B).get("apiKey"));
        for (var role : List.of("ANALYST", "OPERATOR", "ADMIN")) {
            bearer.put(role, stack.token(role));
        }
        bearer.put("expired token", DevTokens.sign(stack.jwtSecret, "dev-admin", List.of("ADMIN"),
                Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1)));
        bearer.put("wrong signature", DevTokens.sign(DevTokens.newSecret(), "dev-admin", List.of("ADMIN"),
                Instant.now(), Duration.ofHours(1)));
        fixtures.put("providerA", PROVIDER_A);
        fixtures.put("spare-key", issueKey(PROVIDER_A).get("keyId"));
        fresh.put("key", new ArrayDeque<>());
        for (int i = 0; i < allowedCells("new-key"); i++) {
            fresh.get("key").add(issueKey(PROVIDER_A).get("keyId"));
        }

        // CRITICAL signals from provider A, one county each: one alert per county (the first is {alert})
        int alerts = allowedCells("new-alert") + 1;
        var records = new ArrayList<String>();
        for (int i = 0; i < alerts; i++) {
            records.add(drugChecking("AUTHZ-ALERT-" + i, COUNTIES.get(i), "isotonitazene", "isotonitazene"));
        }
        var posted = call("ingest", "POST", "/api/v1/signals/drug-checking", bearer.get("provider A"), "[" + String.join(",", records) + "]");
        expect(posted, 202);
        @SuppressWarnings("unchecked")
        var results = (List<Map<String, Object>>) map(posted.body()).get("results");
        fixtures.put("signalA", (String) results.get(0).get("signalId"));

        // a key of A that works, then is revoked
        var revoked = issueKey(PROVIDER_A);
        expect(call("ingest", "GET", "/api/v1/signals/" + fixtures.get("signalA"), revoked.get("apiKey"), null), 200);
        expect(call("ingest", "DELETE", "/api/v1/providers/" + PROVIDER_A + "/keys/" + revoked.get("keyId"), admin, null), 204);
        bearer.put("revoked key", revoked.get("apiKey"));

        // watchlist: {substance} and its own entry as PUT body; a spare and fresh entries for DELETE
        fixtures.put("substance", "isotonitazene");
        var entry = call("analytics", "GET", "/api/v1/watchlist/isotonitazene", admin, null);
        expect(entry, 200);
        watchlistEntry = entry.body();
        var entries = new ArrayList<String>();
        entries.add("authz-spare");
        for (int i = 0; i < allowedCells("new-substance"); i++) {
            entries.add("authz-delete-" + i);
        }
        for (var id : entries) {
            expect(call("analytics", "PUT", "/api/v1/watchlist/" + id, admin, "{\"id\":\"" + id + "\",\"name\":\"" + id
                    + "\",\"class\":\"OTHER\",\"hazard\":\"LOW\"}"), 200);
        }
        fixtures.put("spare-substance", "authz-spare");
        fresh.put("substance", new ArrayDeque<>(entries.subList(1, entries.size())));

        // subscriptions of dev-analyst: a webhook one ({subscription}) and fresh ones for DELETE
        var subscription = call("alerts", "POST", "/api/v1/subscriptions", analyst,
                "{\"name\":\"authz webhook\",\"channel\":\"WEBHOOK\",\"target\":\"https://127.0.0.1:9/hook\"}");
        expect(subscription, 201);
        fixtures.put("subscription", (String) map(subscription.body()).get("id"));
        fixtures.put("spare-subscription", fixtures.get("subscription"));
        fresh.put("subscription", new ArrayDeque<>());
        for (int i = 0; i < allowedCells("new-subscription"); i++) {
            var made = call("alerts", "POST", "/api/v1/subscriptions", analyst, emailSubscription());
            expect(made, 201);
            fresh.get("subscription").add((String) map(made.body()).get("id"));
        }

        fixtures.put("file", "app.js");
        var today = LocalDate.now(ZoneId.of("Europe/Oslo"));
        fixtures.put("today", today.toString());
        fixtures.put("weekAgo", today.minusDays(6).toString());

        // the watchlist entries are applied (read back) and the alerts are open
        for (var id : entries) {
            waitFor("watchlist entry " + id, () -> call("analytics", "GET", "/api/v1/watchlist/" + id, admin, null).statusCode() == 200);
        }
        var alertIds = new ArrayList<String>();
        waitFor(alerts + " isotonitazene alerts", () -> {
            alertIds.clear();
            alertIds.addAll(openAlerts("isotonitazene"));
            return alertIds.size() >= alerts;
        });
        fixtures.put("alert", alertIds.get(0));
        fixtures.put("spare-alert", alertIds.get(0));
        fresh.put("alert", new ArrayDeque<>(alertIds.subList(1, alertIds.size())));
        System.out.printf("[authz] fixtures in %d s%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
    }

    @AfterAll
    void stopTheStack() throws InterruptedException {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void shouldAnswerEveryCellOfTheMatrixWithItsExpectedStatus() {
        long started = System.nanoTime();
        var mismatches = new ArrayList<String>();
        int cells = 0;
        for (var row : matrix.rows()) {
            // refused callers first: the allowed ones may change the fixture
            var callers = new ArrayList<>(matrix.callers());
            callers.sort(Comparator.comparing(caller -> isSuccess(row.expected().get(caller))));
            for (var caller : callers) {
                int expected = row.expected().get(caller);
                String path = null;
                String actual;
                try {
                    path = resolve(row.path(), isSuccess(expected));
                    var response = "/api/v1/alerts/stream".equals(row.path())
                            ? stream(path, bearer.get(caller))
                            : call(row.service(), row.method(), path, bearer.get(caller), body(row));
                    actual = response.statusCode() == expected ? null
                            : response.statusCode() + " " + abbreviate(response.body());
                } catch (Exception e) {
                    actual = "failed: " + e;
                }
                cells++;
                if (actual != null) {
                    mismatches.add(String.format("%-9s %-6s %-60s %-16s expected %d, got %s", row.service(), row.method(),
                            path == null ? row.path() : path, caller, expected, actual));
                }
            }
        }
        System.out.printf("[authz] %d cells (%d rows × %d callers) in %d ms, %d mismatches%n", cells, matrix.rows().size(),
                matrix.callers().size(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), mismatches.size());

        assertThat(mismatches).as("cells of %s that differ from the running services", AuthorizationMatrix.FILE).isEmpty();
    }

    // --- fixtures

    private int allowedCells(String placeholder) {
        return (int) matrix.rows().stream().filter(row -> row.path().contains("{" + placeholder + "}"))
                .flatMap(row -> row.expected().values().stream()).filter(AuthorizationMatrixIT::isSuccess).count();
    }

    private Map<String, String> issueKey(String provider) throws IOException, InterruptedException {
        var issued = call("ingest", "POST", "/api/v1/providers/" + provider + "/keys", stack.token("ADMIN"), null);
        expect(issued, 201);
        var body = map(issued.body());
        return Map.of("apiKey", (String) body.get("apiKey"), "keyId", String.valueOf(body.get("keyId")));
    }

    @SuppressWarnings("unchecked")
    private List<String> openAlerts(String substance) {
        try {
            var page = call("alerts", "GET", "/api/v1/alerts?status=OPEN&size=200", stack.token("ANALYST"), null);
            if (page.statusCode() != 200) {
                return List.of();
            }
            var byCounty = new LinkedHashMap<String, String>();
            for (var alert : (List<Map<String, Object>>) map(page.body()).get("items")) {
                if (substance.equals(alert.get("substance"))) {
                    byCounty.putIfAbsent((String) alert.get("county"), (String) alert.get("alertId"));
                }
            }
            return List.copyOf(byCounty.values());
        } catch (IOException | InterruptedException e) {
            return List.of();
        }
    }

    private String resolve(String template, boolean success) {
        Matcher m = PLACEHOLDER.matcher(template);
        var out = new StringBuilder();
        while (m.find()) {
            var name = m.group(1);
            String value;
            if (name.startsWith("new-")) {
                var kind = name.substring(4);
                value = success ? fresh.getOrDefault(kind, new ArrayDeque<>()).poll() : fixtures.get("spare-" + kind);
            } else {
                value = fixtures.get(name);
            }
            if (value == null) {
                throw new IllegalStateException("no fixture left for {" + name + "} in " + template);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A valid body for the row's request, or null for none. */
    private String body(AuthorizationMatrix.Row row) {
        var route = row.method() + " " + row.route();
        if (route.startsWith("POST /api/v1/alerts/")) {
            return "{\"note\":\"authorisation matrix\"}";
        }
        int n = serial.incrementAndGet();
        return switch (route) {
            case "POST /api/v1/signals/drug-checking", "POST /bench/signals/drug-checking" ->
                    drugChecking("AUTHZ-CELL-" + n, "0301", "mdma", "mdma");
            case "POST /api/v1/signals/seizure" -> "{\"externalId\":\"AUTHZ-CELL-" + n + "\",\"region\":\"0301\","
                    + "\"observedAt\":\"" + LocalDate.now(ZoneId.of("Europe/Oslo")) + "\",\"agency\":\"POLICE\","
                    + "\"items\":[{\"substance\":\"cocaine\",\"quantity\":1,\"unit\":\"G\"}]}";
            case "POST /api/v1/providers" -> "{\"id\":\"authz-new-" + n + "\",\"name\":\"Authz new " + n
                    + "\",\"sourceTypes\":[\"syringe\"]}";
            case "PUT /api/v1/providers/{providerA}/expected-interval" -> "{\"expectedIntervalMinutes\":1440}";
            case "PUT /api/v1/watchlist/{substance}" -> watchlistEntry;
            case "POST /api/v1/subscriptions" -> emailSubscription();
            default -> null;
        };
    }

    private String emailSubscription() {
        return "{\"name\":\"authz " + serial.incrementAndGet() + "\",\"channel\":\"EMAIL\",\"target\":\"authz@example.org\"}";
    }

    private static String drugChecking(String externalId, String region, String substance, String soldAs) {
        return "{\"externalId\":\"" + externalId + "\",\"region\":\"" + region + "\",\"observedAt\":\""
                + LocalDate.now(ZoneId.of("Europe/Oslo")) + "\",\"form\":\"TABLET\",\"soldAs\":\"" + soldAs
                + "\",\"method\":\"LC_MS\",\"confirmed\":true,\"components\":[{\"substance\":\"" + substance + "\"}]}";
    }

    // --- HTTP

    private HttpResponse<String> call(String service, String method, String path, String credential, String body)
            throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(stack.url(service) + path)).timeout(Duration.ofSeconds(20));
        if (credential != null) {
            request.header("Authorization", "Bearer " + credential);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Opens the SSE stream, takes its status and closes it. */
    private HttpResponse<String> stream(String path, String credential) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(stack.url("alerts") + path)).header("Accept", "text/event-stream");
        if (credential != null) {
            request.header("Authorization", "Bearer " + credential);
        }
        HttpResponse<InputStream> response = http.sendAsync(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream())
                .get(20, TimeUnit.SECONDS);
        String body = "";
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                body = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        var status = response.statusCode();
        var text = body;
        return new HttpResponse<>() {
            public int statusCode() { return status; }
            public HttpRequest request() { return response.request(); }
            public java.util.Optional<HttpResponse<String>> previousResponse() { return java.util.Optional.empty(); }
            public java.net.http.HttpHeaders headers() { return response.headers(); }
            public String body() { return text; }
            public java.util.Optional<javax.net.ssl.SSLSession> sslSession() { return java.util.Optional.empty(); }
            public URI uri() { return response.uri(); }
            public HttpClient.Version version() { return response.version(); }
        };
    }

    private void expect(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as("fixture %s %s: %s", response.request().method(), response.uri(), response.body())
                .isEqualTo(status);
    }

    private Map<String, Object> map(String body) {
        try {
            return json.readValue(body, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private void waitFor(String what, Check check) throws Exception {
        var deadline = System.nanoTime() + PIPELINE.toNanos();
        while (!check.ok()) {
            assertThat(System.nanoTime()).as("%s in %s:\n%s", what, PIPELINE, stack.output()).isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    private static boolean isSuccess(int status) {
        return status >= 200 && status < 300;
    }

    private static String abbreviate(String body) {
        var flat = body == null ? "" : body.replaceAll("\\s+", " ");
        return flat.length() > 160 ? flat.substring(0, 160) + "…" : flat;
    }
}
