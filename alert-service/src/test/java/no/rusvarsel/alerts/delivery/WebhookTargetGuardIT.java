package no.rusvarsel.alerts.delivery;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import no.rusvarsel.infra.DevTokens;
import no.rusvarsel.infra.RealInfraProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Without an allow-list, webhook targets inside the network are refused when a subscription is created. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookTargetGuardIT implements RealInfraProperties {

    private static final Argument<Map<String, Object>> JSON = Argument.mapOf(String.class, Object.class);

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    ObjectMapper json;

    @Override
    public String databaseName() {
        return "alerts_webhook_guard_it";
    }

    @Override
    public Map<String, String> getProperties() {
        var props = new HashMap<>(RealInfraProperties.super.getProperties());
        props.put("rusvarsel.alerts.consume-detections", "false");
        props.put("rusvarsel.alerts.relay.enabled", "false");
        props.put("rusvarsel.webhook.allow-list", "");
        return props;
    }

    @Test
    void shouldRefuseALoopbackTargetWithoutTheAllowList() throws Exception {
        try (var receiver = WebhookReceiver.start()) {
            // Given a receiver listening on loopback, and no allow-list
            var targets = List.of(receiver.url("/hook"), "https://127.0.0.1:" + receiver.port() + "/hook",
                    "https://localhost:" + receiver.port() + "/hook", "https://[::1]/hook", "https://10.0.0.7/hook",
                    "https://169.254.169.254/latest/meta-data");

            for (var target : targets) {
                // When a webhook subscription to it is created
                var problem = refused(Map.of("name", "Inside", "channel", "WEBHOOK", "target", target));

                // Then it is a 400 naming the target, and nothing was called
                assertThat(problem.get("errors")).asList().singleElement()
                        .satisfies(e -> assertThat(((Map<?, ?>) e).get("field")).isEqualTo("target"));
            }
            assertThat(receiver.all()).isEmpty();
        }
    }

    private Map<String, Object> refused(Map<String, Object> body) throws Exception {
        try {
            http.toBlocking().exchange(HttpRequest.POST("/api/v1/subscriptions", body).bearerAuth(DevTokens.forTest("ANALYST")));
        } catch (HttpClientResponseException e) {
            assertThat(e.getStatus().getCode()).isEqualTo(400);
            return json.readValue(e.getResponse().getBody(String.class).orElseThrow(), JSON);
        }
        return fail("expected 400 for " + body.get("target"));
    }
}
