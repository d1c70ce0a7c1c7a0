package no.rusvarsel.alerts.delivery;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import no.rusvarsel.alerts.alert.AlertEventRecord;
import no.rusvarsel.alerts.alert.AlertLifecycle;
import no.rusvarsel.alerts.stream.AlertEventFeed;
import no.rusvarsel.contracts.catalogue.SubstanceClass;
import no.rusvarsel.contracts.detection.Certainty;
import no.rusvarsel.contracts.detection.Detection;
import no.rusvarsel.contracts.detection.Rule;
import no.rusvarsel.contracts.detection.Severity;
import no.rusvarsel.contracts.signal.SourceType;
import no.rusvarsel.infra.DevTokens;
import no.rusvarsel.infra.RealInfraProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An alert change reaches the live stream and its subscribers' webhooks when it commits, not at the readers' next
 * poll: here both polls are an hour apart, so only the commit's wake-up can deliver within the test.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommitWakeUpIT implements RealInfraProperties {

    private static final Argument<Map<String, Object>> JSON = Argument.mapOf(String.class, Object.class);
    private static final Instant DAY = Instant.parse("2026-11-20T00:00:00Z");

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    AlertLifecycle lifecycle;

    @Inject
    AlertEventFeed feed;

    @Override
    public String databaseName() {
        return "alerts_wakeup_it";
    }

    @Override
    public Map<String, String> getProperties() {
        var props = new HashMap<>(RealInfraProperties.super.getProperties());
        props.put("rusvarsel.alerts.consume-detections", "false");
        props.put("rusvarsel.alerts.relay.enabled", "false");
        props.put("rusvarsel.webhook.allow-list", "127.0.0.1/32");
        props.put("rusvarsel.delivery.poll-interval", "1h");
        props.put("rusvarsel.delivery.initial-delay", "1h");
        props.put("rusvarsel.alerts.stream.poll-interval", "1h");
        return props;
    }

    @Test
    void shouldDeliverAnAlertToTheStreamAndTheWebhookWhenItCommits() throws Exception {
        try (var receiver = WebhookReceiver.start()) {
            // Given an analyst's webhook for Oslo, and a listener on the live stream
            var created = http.toBlocking().exchange(HttpRequest.POST("/api/v1/subscriptions", Map.of("name", "Oslo",
                    "channel", "WEBHOOK", "target", receiver.url("/hook"), "filter", Map.of("regions", List.of("03"))))
                    .bearerAuth(DevTokens.forTest("ANALYST")), JSON);
            assertThat(created.getStatus().getCode()).isEqualTo(201);
            var live = feed.live().next().toFuture();

            // When a detection opens an alert in Oslo
            var event = lifecycle.apply(new Detection("det-" + UUID.randomUUID(), Rule.WATCHLIST_SUBSTANCE, Severity.CRITICAL,
                    Certainty.OBSERVED, "0301", "isotonitazene", "Isotonitazene", SubstanceClass.NITAZENE_OPIOID, DAY,
                    DAY.plusSeconds(86_400), List.of("sig-" + UUID.randomUUID()), Set.of(SourceType.DRUG_CHECKING),
                    Map.of("observed", 1.0), "Isotonitazene in Oslo.", DAY.plusSeconds(3600))).orElseThrow();

            // Then the stream has it and the webhook gets it within seconds, though neither reader polls for an hour
            AlertEventRecord streamed = live.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(streamed.eventId()).isEqualTo(event.eventId());
            var delivered = receiver.next(Duration.ofSeconds(10));
            assertThat(delivered).isNotNull();
            assertThat(delivered.body()).contains(event.eventId());
        }
    }
}
