package no.rusvarsel.alerts.alert;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import no.rusvarsel.contracts.alert.AlertStatus;
import no.rusvarsel.infra.DevTokens;
import no.rusvarsel.infra.RealInfraProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Found by the hostile-input suite (issue 9): bodies the framework binds (alert actions, subscriptions) took content
 * after the JSON value and turned {@code ["a"]} or {@code 5} into text; both are now 400 problems naming the field.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StrictJsonBodyIT implements RealInfraProperties {

    private static final Argument<Map<String, Object>> JSON = Argument.mapOf(String.class, Object.class);

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    AlertLifecycle lifecycle;

    @Inject
    AlertRepository alerts;

    @Override
    public String databaseName() {
        return "alerts_strict_json_it";
    }

    @Override
    public Map<String, String> getProperties() {
        var props = new HashMap<>(RealInfraProperties.super.getProperties());
        props.put("rusvarsel.alerts.consume-detections", "false");
        props.put("rusvarsel.alerts.relay.enabled", "false");
        return props;
    }

    @Test
    void shouldRefuseADismissalWhoseNoteIsAListOrIsFollowedByMoreContentAndLeaveTheAlertOpen() {
        // Given an open alert
        var alertId = lifecycle.apply(Detections.critical("1103")).orElseThrow().alertId();

        // When an operator dismisses it with a note in a list, or with a second body after the first
        var listed = refusal(post("/api/v1/alerts/" + alertId + "/dismiss", "{\"note\":[\"duplicate\"]}", "OPERATOR"));
        var trailing = refusal(post("/api/v1/alerts/" + alertId + "/dismiss", "{\"note\":\"duplicate\"} {\"note\":\"x\"}", "OPERATOR"));

        // Then both are refused as problems that say where, and the alert is still open
        assertThat(listed.getStatus().getCode()).isEqualTo(400);
        assertThat(errors(listed)).containsExactly(Map.of("index", 0, "field", "note", "message", "must be a string"));
        assertThat(trailing.getStatus().getCode()).isEqualTo(400);
        assertThat(errors(trailing)).singleElement().satisfies(e -> assertThat((String) e.get("message"))
                .startsWith("has content after its JSON value at line 1, column 22"));
        assertThat(alerts.findById(alertId).orElseThrow().status()).isEqualTo(AlertStatus.OPEN);

        // And the well-formed dismissal still works
        var dismissed = http.toBlocking().retrieve(post("/api/v1/alerts/" + alertId + "/dismiss", "{\"note\":\"duplicate\"}", "OPERATOR"), JSON);
        assertThat(dismissed).containsEntry("status", "DISMISSED");
    }

    @Test
    void shouldRefuseASubscriptionWithCoercibleValuesOrTrailingContentNamingEachFieldAndStoreNothing() {
        var analyst = "ANALYST";
        var valid = "{\"name\":\"Strict\",\"channel\":\"EMAIL\",\"target\":\"ops@example.org\",\"filter\":{\"regions\":[\"46\"]}}";

        var coerced = refusal(post("/api/v1/subscriptions",
                "{\"name\":[\"Strict\"],\"channel\":\"EMAIL\",\"target\":\"ops@example.org\",\"filter\":{\"regions\":[46],\"minSeverity\":5}}",
                analyst));
        var trailing = refusal(post("/api/v1/subscriptions", valid + "\n" + valid, analyst));

        assertThat(coerced.getStatus().getCode()).isEqualTo(400);
        assertThat(coerced.getResponse().getContentType()).hasValue(MediaType.of("application/problem+json"));
        assertThat(errors(coerced)).extracting(e -> e.get("field"), e -> e.get("message")).containsExactly(
                org.assertj.core.groups.Tuple.tuple("name", "must be a string"),
                org.assertj.core.groups.Tuple.tuple("filter.regions[0]", "must be a string"),
                org.assertj.core.groups.Tuple.tuple("filter.minSeverity", "must be a string"));
        assertThat(trailing.getStatus().getCode()).isEqualTo(400);
        assertThat(errors(trailing)).singleElement().satisfies(e -> assertThat((String) e.get("message"))
                .startsWith("has content after its JSON value at line 2, column 1"));
        var mine = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/subscriptions").bearerAuth(DevTokens.forTest(analyst)), JSON);
        assertThat((List<?>) mine.get("items")).isEmpty();

        // and the valid body alone is taken
        assertThat(http.toBlocking().exchange(post("/api/v1/subscriptions", valid, analyst)).getStatus().getCode()).isEqualTo(201);
    }

    private static MutableHttpRequest<String> post(String path, String body, String role) {
        return HttpRequest.POST(path, body).contentType(MediaType.APPLICATION_JSON_TYPE).bearerAuth(DevTokens.forTest(role));
    }

    private HttpClientResponseException refusal(MutableHttpRequest<String> request) {
        return catchThrowableOfType(HttpClientResponseException.class, () -> http.toBlocking().exchange(request, JSON));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> errors(HttpClientResponseException e) {
        var problem = e.getResponse().getBody(JSON).orElseThrow();
        return (List<Map<String, Object>>) problem.get("errors");
    }
}
