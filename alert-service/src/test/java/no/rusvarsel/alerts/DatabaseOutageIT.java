package no.rusvarsel.alerts;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import no.rusvarsel.infra.DevTokens;
import no.rusvarsel.infra.RealInfraProperties;
import no.rusvarsel.infra.SharedInfra;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL out of reach (its database refuses connections and every session on it is terminated, as in the dev
 * stack's fault suite): alert-service answers 503 with {@code Retry-After} and a problem document instead of 500, its
 * readiness is DOWN, and it serves again by itself once the database is back.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseOutageIT implements RealInfraProperties {

    private static final String DATABASE = "alerts_outage_it";

    @Inject
    EmbeddedServer server;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public String databaseName() {
        return DATABASE;
    }

    @Override
    public Map<String, String> getProperties() {
        var props = new HashMap<>(RealInfraProperties.super.getProperties());
        // only the HTTP API is under test: no background work that would also hit the database
        props.put("rusvarsel.alerts.consume-detections", "false");
        props.put("rusvarsel.alerts.relay.enabled", "false");
        props.put("rusvarsel.delivery.enabled", "false");
        props.put("rusvarsel.alerts.auto-resolve-after", "P0D");
        // a request waits this long for a connection before it is refused (Hikari's default is 30 s)
        props.put("datasources.default.connection-timeout", "2000");
        return props;
    }

    @AfterAll
    void reopenTheDatabase() throws SQLException {
        outage(false);
    }

    @Test
    void shouldAnswer503WithRetryAfterAndReadinessDownWhilePostgresIsAwayAndServeAgainWhenItIsBack() throws Exception {
        // Given a working service
        assertThat(send(alerts()).statusCode()).isEqualTo(200);
        assertThat(send(readiness()).statusCode()).isEqualTo(200);

        // When PostgreSQL stops taking connections and drops the open ones
        outage(true);
        try {
            // Then reads and writes are refused with 503, Retry-After and a problem document, never 500
            for (var request : new HttpRequest[] {alerts(), subscriptions(), newSubscription()}) {
                var response = send(request);
                assertThat(response.statusCode()).as("%s %s", request.method(), request.uri()).isEqualTo(503);
                assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
                assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                        type -> assertThat(type).startsWith("application/problem+json"));
                assertThat(response.body()).contains("\"status\":503").contains("the database cannot be reached now");
            }
            // and readiness says DOWN, so a load balancer stops sending traffic here
            var ready = send(readiness());
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("\"status\":\"DOWN\"");
        } finally {
            outage(false);
        }

        // And once the database is back the service answers again by itself, without a restart
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline
                && (send(alerts()).statusCode() != 200 || send(readiness()).statusCode() != 200)) {
            Thread.sleep(250);
        }
        assertThat(send(alerts()).statusCode()).isEqualTo(200);
        assertThat(send(readiness()).statusCode()).isEqualTo(200);
        assertThat(send(newSubscription()).statusCode()).isEqualTo(201);
    }

    /** Like the dev stack's fault suite: the database refuses new connections and every session on it ends. */
    private static void outage(boolean away) throws SQLException {
        var postgres = SharedInfra.get().postgres();
        try (var c = DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.username(), postgres.password());
             var st = c.createStatement()) {
            st.execute("ALTER DATABASE " + DATABASE + " ALLOW_CONNECTIONS " + !away);
            if (away) {
                st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + DATABASE + "'");
            }
        }
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest alerts() {
        return get("/api/v1/alerts");
    }

    private HttpRequest subscriptions() {
        return get("/api/v1/subscriptions");
    }

    private HttpRequest readiness() {
        return HttpRequest.newBuilder(uri("/health/readiness")).timeout(Duration.ofSeconds(15)).build();
    }

    private HttpRequest newSubscription() {
        return HttpRequest.newBuilder(uri("/api/v1/subscriptions")).timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + DevTokens.forTest("ANALYST"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"Outage\",\"channel\":\"EMAIL\",\"target\":\"ops@example.org\",\"filter\":{\"regions\":[\"46\"]}}"))
                .build();
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + DevTokens.forTest("ANALYST")).build();
    }

    private URI uri(String path) {
        return URI.create(server.getURL() + path);
    }
}
