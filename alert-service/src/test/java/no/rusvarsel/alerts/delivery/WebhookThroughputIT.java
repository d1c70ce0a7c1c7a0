package no.rusvarsel.alerts.delivery;

import io.micronaut.data.model.Pageable;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import no.rusvarsel.alerts.alert.AlertLifecycle;
import no.rusvarsel.alerts.delivery.webhook.SecretCipher;
import no.rusvarsel.alerts.delivery.webhook.WebhookSecrets;
import no.rusvarsel.alerts.subscription.Channel;
import no.rusvarsel.alerts.subscription.Subscription;
import no.rusvarsel.alerts.subscription.SubscriptionFilter;
import no.rusvarsel.alerts.subscription.SubscriptionRepository;
import no.rusvarsel.alerts.subscription.SubscriptionStatus;
import no.rusvarsel.contracts.catalogue.SubstanceClass;
import no.rusvarsel.contracts.detection.Certainty;
import no.rusvarsel.contracts.detection.Detection;
import no.rusvarsel.contracts.detection.Rule;
import no.rusvarsel.contracts.detection.Severity;
import no.rusvarsel.contracts.signal.SourceType;
import no.rusvarsel.infra.RealInfraProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures webhook deliveries per second: N alert messages (real alert bodies, signed) queued in one transaction and
 * delivered by the service's worker to a local receiver. Not run by default:
 * {@code mvn -B -o -pl alert-service verify -Dit.test=WebhookThroughputIT -Drusvarsel.bench=true
 * [-Drusvarsel.bench.messages=3000] [-Drusvarsel.bench.concurrency=8]}.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIfSystemProperty(named = "rusvarsel.bench", matches = "true")
class WebhookThroughputIT implements RealInfraProperties {

    private static final int MESSAGES = Integer.getInteger("rusvarsel.bench.messages", 3000);
    private static final String CONCURRENCY = System.getProperty("rusvarsel.bench.concurrency", "8");

    @Inject
    AlertLifecycle lifecycle;

    @Inject
    SubscriptionRepository subscriptions;

    @Inject
    DeliveryRepository deliveries;

    @Inject
    DeliveryQueue queue;

    @Inject
    SecretCipher cipher;

    @Inject
    TransactionOperations<Connection> tx;

    @Override
    public String databaseName() {
        return "alerts_webhook_bench";
    }

    @Override
    public Map<String, String> getProperties() {
        var props = new HashMap<>(RealInfraProperties.super.getProperties());
        props.put("rusvarsel.alerts.consume-detections", "false");
        props.put("rusvarsel.alerts.relay.enabled", "false");
        props.put("rusvarsel.webhook.allow-list", "127.0.0.1/32");
        props.put("rusvarsel.delivery.concurrency", CONCURRENCY);
        return props;
    }

    @Test
    void shouldMeasureWebhookDeliveriesPerSecond() throws Exception {
        try (var receiver = WebhookReceiver.start(4)) {
            // Given a webhook subscription and a real alert message for it
            var id = UUID.randomUUID();
            var now = Instant.now();
            var subscription = subscriptions.save(new Subscription(id, "bench", "Bench", Channel.WEBHOOK, receiver.url("/bench"),
                    SubscriptionFilter.EVERYTHING, cipher.seal(id, WebhookSecrets.generate()), null, null, now,
                    SubscriptionStatus.ACTIVE, null, null, now, now));
            var day = Instant.parse("2026-11-20T00:00:00Z");
            lifecycle.apply(new Detection("det-" + UUID.randomUUID(), Rule.WATCHLIST_SUBSTANCE, Severity.CRITICAL,
                    Certainty.OBSERVED, "0301", "isotonitazene", "Isotonitazene", SubstanceClass.NITAZENE_OPIOID, day,
                    day.plusSeconds(86_400), List.of("sig-1", "sig-2"), Set.of(SourceType.DRUG_CHECKING),
                    Map.of("observed", 1.0), "Isotonitazene found in a tablet sold as oxycodone in Oslo.", day));
            receiver.next(Duration.ofSeconds(30));
            var payload = deliveries.findBySubscriptionId(id, Pageable.from(0, 1)).getContent().get(0).payload();

            // When N copies are queued at once
            tx.executeWrite(status -> {
                for (int i = 0; i < MESSAGES; i++) {
                    queue.enqueue(subscription, "bench:" + i, "alert.opened", null, payload, Instant.now());
                }
                return null;
            });
            long start = System.nanoTime();
            while (receiver.all().size() < MESSAGES + 1) {
                Thread.sleep(20);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMinutes(5));
            }
            var seconds = (System.nanoTime() - start) / 1e9;

            // Then all arrive once, and the rate is printed for the closing note
            assertThat(receiver.all().stream().map(r -> r.header("webhook-id")).distinct().count()).isEqualTo(MESSAGES + 1);
            System.out.printf("WEBHOOK THROUGHPUT: %d deliveries (%d-byte bodies) in %.2f s = %.0f deliveries/s, concurrency %s%n",
                    MESSAGES, payload.length(), seconds, MESSAGES / seconds, CONCURRENCY);
        }
    }
}
