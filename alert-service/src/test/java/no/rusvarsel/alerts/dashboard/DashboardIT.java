package no.rusvarsel.alerts.dashboard;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import no.rusvarsel.infra.DevTokens;
import no.rusvarsel.infra.RealInfraProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The dashboard shell is public and holds no data; its APIs need a token and the right role. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardIT implements RealInfraProperties {

    private static final Argument<Map<String, Object>> MAP = Argument.mapOf(String.class, Object.class);

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public String databaseName() {
        return "alerts_dashboard_it";
    }

    @Override
    public Map<String, String> getProperties() {
        var props = new HashMap<>(RealInfraProperties.super.getProperties());
        // nothing listens here: the proxied parts must fail cleanly
        props.put("rusvarsel.dashboard.ingest-url", "http://127.0.0.1:9");
        props.put("rusvarsel.dashboard.analytics-url", "http://127.0.0.1:9");
        props.put("micronaut.server.port", "-1"); // a free port: a dev stack may hold 8083
        return props;
    }

    private int status(HttpRequest<?> request) {
        try {
            return http.toBlocking().exchange(request, String.class).getStatus().getCode();
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }

    @Test
    void givenNoToken_whenTheShellIsRequested_thenHtmlAndScriptsAreServedWithAStrictContentSecurityPolicy() {
        HttpResponse<String> page = http.toBlocking().exchange(HttpRequest.GET("/"), String.class);
        HttpResponse<String> script = http.toBlocking().exchange(HttpRequest.GET("/dashboard/app.js"), String.class);

        assertThat(page.body()).contains("<title>Rusvarsel", "/dashboard/app.js");
        assertThat(page.getContentType()).hasValueSatisfying(t -> assertThat(t.getName()).isEqualTo("text/html"));
        assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'").contains("connect-src 'self';");
        assertThat(script.body()).contains("import");
        assertThat(script.getContentType()).hasValueSatisfying(t -> assertThat(t.getName()).isEqualTo("text/javascript"));
    }

    @Test
    void givenNoDashboardClientId_whenThePageAsksHowToSignIn_thenAnonymouslyOnlyThePastedTokenIsOffered() {
        var config = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/dashboard/sign-in"), MAP);

        assertThat(config).containsEntry("oidc", false).doesNotContainKeys("issuer", "clientId");
    }

    @Test
    void givenTheDashboardRoutes_whenChecked_thenHealthStaysAnonymousAndPrometheusAndApisStayProtected() {
        assertThat(status(HttpRequest.GET("/health"))).isEqualTo(200);
        assertThat(status(HttpRequest.GET("/prometheus"))).isEqualTo(401);
        assertThat(status(HttpRequest.GET("/api/v1/alerts"))).isEqualTo(401);
        assertThat(status(HttpRequest.GET("/api/v1/dashboard/catalogue"))).isEqualTo(401);
        assertThat(status(HttpRequest.GET("/dashboard/..%2Fapplication.yml"))).isIn(400, 404);
        assertThat(status(HttpRequest.GET("/dashboard/application.yml"))).isEqualTo(404);
    }

    @Test
    void givenAnAnalyst_whenAskingForPipelineHealthOrFreshness_thenForbiddenButTheCatalogueIsReadable() {
        var analyst = DevTokens.forTest("ANALYST");

        assertThat(status(HttpRequest.GET("/api/v1/dashboard/pipeline").bearerAuth(analyst))).isEqualTo(403);
        assertThat(status(HttpRequest.GET("/api/v1/dashboard/providers").bearerAuth(analyst))).isEqualTo(403);
        var catalogue = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/dashboard/catalogue").bearerAuth(analyst), MAP);
        assertThat(catalogue.get("counties").toString()).contains("Oslo");
        assertThat(catalogue.get("substanceClasses").toString()).contains("NITAZENE_OPIOID");
    }

    @Test
    @SuppressWarnings("unchecked")
    void givenAnOperatorAndIngestDown_whenAskingForPipelineHealth_thenLagAndDeliveriesAreShownAndIngestIsReportedMissing() {
        var health = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/dashboard/pipeline").bearerAuth(DevTokens.forTest("OPERATOR")), MAP);

        assertThat(health.get("ingest")).isNull();
        assertThat((Map<String, Object>) health.get("errors")).containsKey("ingest");
        assertThat((Map<String, Object>) health.get("consumerLag")).containsKeys("rusvarsel-analytics", "alert-service");
        assertThat((Map<String, Object>) health.get("deliveries")).as(health.toString()).containsEntry("failedDeliveries", 0);
        // no detections yet: the empty list is left out of the JSON (serde's NON_EMPTY), but it is not an error
        assertThat((Map<String, Object>) health.get("errors")).as(health.toString()).doesNotContainKeys("detections", "deliveries");
        assertThat(status(HttpRequest.GET("/api/v1/dashboard/situation?days=7").bearerAuth(DevTokens.forTest("OPERATOR")))).isEqualTo(502);
    }
}
