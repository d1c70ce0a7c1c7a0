package no.rusvarsel.alerts.delivery;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.micronaut.core.type.Argument;
import io.micronaut.data.model.Pageable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import no.rusvarsel.alerts.alert.AlertLifecycle;
import no.rusvarsel.alerts.alert.AlertRepository;
import no.rusvarsel.alerts.delivery.webhook.SecretCipher;
import no.rusvarsel.alerts.delivery.webhook.WebhookSecrets;
import no.rusvarsel.alerts.subscription.Channel;
import no.rusvarsel.alerts.subscription.Subscription;
import no.rusvarsel.alerts.subscription.SubscriptionFilter;
import no.rusvarsel.alerts.subscription.SubscriptionRepository;
import no.rusvarsel.alerts.subscription.SubscriptionStatus;
import no.rusvarsel.contracts.alert.AlertEvent;
import no.rusvarsel.contracts.catalogue.SubstanceClass;
import no.rusvarsel.contracts.detection.Certainty;
import no.rusvarsel.contracts.detection.Detection;
import no.rusvarsel.contracts.detection.Rule;
import no.rusvarsel.contracts.detection.Severity;
import no.rusvarsel.contracts.signal.SourceType;
import no.rusvarsel.infra.DevTokens;
import no.rusvarsel.infra.FreePorts;
import no.rusvarsel.infra.RealInfraProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Subscriptions and delivery end to end on the real PostgreSQL: alert changes queue signed webhooks and e-mails in
 * their transaction; the queue retries, honours Retry-After, disables on 410 and keeps a delivery log.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubscriptionDeliveryIT implements RealInfraProperties {

    private static final Argument<Map<String, Object>> JSON = Argument.mapOf(String.class, Object.class);
    private static final Instant DAY = Instant.parse("2026-11-20T00:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private GreenMail smtp;

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    AlertLifecycle lifecycle;

    @Inject
    AlertRepository alerts;

    @Inject
    AlertDeliveryNotifier notifier;

    @Inject
    DeliveryQueue queue;

    @Inject
    DeliveryProcessor processor;

    @Inject
    SubscriptionRepository subscriptions;

    @Inject
    DeliveryRepository deliveries;

    @Inject
    SecretCipher cipher;

    @Inject
    ObjectMapper json;

    @Inject
    TransactionOperations<Connection> tx;

    @Override
    public String databaseName() {
        return "alerts_subscriptions_it";
    }

    @Override
    public Map<String, String> getProperties() {
        int smtpPort = FreePorts.any();
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        var key = new byte[32];
        new SecureRandom().nextBytes(key);
        var props = new HashMap<>(RealInfraProperties.super.getProperties());
        // alert changes are driven through AlertLifecycle directly: no detections from the shared topic, no relay
        props.put("rusvarsel.alerts.consume-detections", "false");
        props.put("rusvarsel.alerts.relay.enabled", "false");
        props.put("rusvarsel.webhook.allow-list", "127.0.0.1/32");
        props.put("rusvarsel.webhook.connect-timeout", "2s");
        props.put("rusvarsel.webhook.read-timeout", "3s");
        props.put("rusvarsel.webhook.secret-key", Base64.getEncoder().encodeToString(key));
        props.put("rusvarsel.delivery.poll-interval", "100ms");
        props.put("rusvarsel.delivery.initial-delay", "100ms");
        props.put("rusvarsel.delivery.retry-schedule", "1s,1s,1s");
        props.put("rusvarsel.delivery.retry-jitter", "0");
        props.put("rusvarsel.delivery.public-url", "https://rusvarsel.example");
        props.put("rusvarsel.delivery.dashboard-url", "https://rusvarsel.example/#/alerts/");
        props.put("rusvarsel.mail.host", "127.0.0.1");
        props.put("rusvarsel.mail.port", Integer.toString(smtpPort));
        props.put("rusvarsel.mail.tls", "none");
        props.put("rusvarsel.mail.from", "Rusvarsel <varsel@rusvarsel.example>");
        return props;
    }

    @AfterAll
    void stopSmtp() {
        smtp.stop();
    }

    // --- webhooks ---------------------------------------------------------------------------------------------------

    @Test
    void shouldSignWebhookAndRetryWithTheSameIdAfterA500() throws Exception {
        try (var receiver = WebhookReceiver.start().answer(500, 200)) {
            // Given an analyst's webhook for isotonitazene in Oslo, and one for Rogaland that must stay silent
            var created = create("ANALYST", webhook("Oslo nitazenes", receiver.url("/hook"),
                    Map.of("regions", List.of("03"), "substances", List.of("Isotonitazen"))));
            var secret = (String) created.get("secret");
            create("ANALYST", webhook("Rogaland", receiver.url("/other"),
                    Map.of("regions", List.of("11"), "substances", List.of("isotonitazene"))));

            // When a detection opens an alert in Oslo
            var event = lifecycle.apply(detection("isotonitazene", "Isotonitazene", SubstanceClass.NITAZENE_OPIOID,
                    Severity.CRITICAL, "Isotonitazene found in a tablet sold as oxycodone in Oslo.")).orElseThrow();

            // Then the receiver gets it, answers 500, and gets the retry with the same webhook-id, both signed
            var first = receiver.next(WAIT);
            var second = receiver.next(WAIT);
            assertThat(first.path()).isEqualTo("/hook");
            assertThat(second.header("webhook-id")).isEqualTo(first.header("webhook-id")).startsWith("msg_");
            assertThat(second.body()).isEqualTo(first.body());
            assertThat(WebhookReceiver.verify(secret, first)).isTrue();
            assertThat(WebhookReceiver.verify(secret, second)).isTrue();
            assertThat(first.header("content-type")).startsWith("application/json");

            // And the body is the alert, with its evidence and links
            var body = json.readValue(first.body(), JSON);
            assertThat(body).containsEntry("type", "alert.opened");
            assertThat(Instant.parse((String) body.get("timestamp"))).isEqualTo(event.occurredAt());
            var data = map(body.get("data"));
            assertThat(data).containsEntry("alertId", event.alertId()).containsEntry("eventId", event.eventId())
                    .containsEntry("severity", "CRITICAL").containsEntry("substance", "isotonitazene")
                    .containsEntry("summary", "Isotonitazene found in a tablet sold as oxycodone in Oslo.");
            assertThat(map(data.get("region"))).containsEntry("code", "0301").containsEntry("name", "Oslo");
            assertThat(list(data.get("evidence"))).hasSize(1);
            assertThat(map(list(data.get("evidence")).get(0))).containsKeys("signalIds", "sourceTypes", "detectedAt");
            assertThat(map(data.get("links")))
                    .containsEntry("cap", "https://rusvarsel.example/api/v1/alerts/" + event.alertId() + "/cap")
                    .containsEntry("dashboard", "https://rusvarsel.example/#/alerts/" + event.alertId());

            // And the delivery log shows both attempts
            var log = awaitDelivery("ANALYST", created, "DELIVERED");
            assertThat(log).containsEntry("attempts", 2).containsEntry("type", "alert.opened")
                    .containsEntry("messageId", first.header("webhook-id"));
            var attempts = list(log.get("log"));
            assertThat(attempts).extracting(a -> map(a).get("statusCode")).containsExactly(500, 200);
            assertThat(attempts).extracting(a -> map(a).get("outcome")).containsExactly("RETRY", "DELIVERED");
            assertThat(map(attempts.get(0)).get("nextAttemptAt")).isNotNull();

            // And the subscription for Rogaland got nothing
            assertThat(receiver.all()).extracting(WebhookReceiver.Received::path).containsOnly("/hook");

            // And the attempts are counted for Prometheus
            var metrics = http.toBlocking().retrieve(HttpRequest.GET("/prometheus").bearerAuth(DevTokens.forTest("OPERATOR")));
            assertThat(metrics).contains("rusvarsel_deliveries_total{channel=\"webhook\",outcome=\"delivered\"}",
                    "rusvarsel_deliveries_total{channel=\"webhook\",outcome=\"retry\"}", "rusvarsel_delivery_seconds_count");
        }
    }

    @Test
    void shouldNotRetrySoonerThanTheReceiversRetryAfter() throws Exception {
        try (var receiver = WebhookReceiver.start().answer(503, "Retry-After", "3")) {
            // Given a webhook whose receiver is overloaded and asks for 3 s
            var created = create("ANALYST", webhook("Xylazine", receiver.url("/busy"), Map.of("substances", List.of("xylazine"))));

            // When an alert opens
            lifecycle.apply(detection("xylazine", "Xylazine", SubstanceClass.VETERINARY_SEDATIVE, Severity.HIGH, "Xylazine in Oslo."));

            // Then the retry comes no sooner than 3 s later (the schedule alone would retry after 1 s)
            var first = receiver.next(WAIT);
            var second = receiver.next(WAIT);
            assertThat(Duration.between(first.at(), second.at())).isGreaterThanOrEqualTo(Duration.ofMillis(2900));
            awaitDelivery("ANALYST", created, "DELIVERED");
        }
    }

    @Test
    void shouldDisableSubscriptionWhenReceiverAnswers410() throws Exception {
        try (var receiver = WebhookReceiver.start().answer(410)) {
            // Given a webhook whose receiver is gone
            var created = create("ANALYST", webhook("Gone", receiver.url("/gone"), Map.of("substances", List.of("metonitazene"))));
            var id = (String) created.get("id");

            // When an alert opens
            lifecycle.apply(detection("metonitazene", "Metonitazene", SubstanceClass.NITAZENE_OPIOID, Severity.HIGH, "Metonitazene."));

            // Then the subscription is disabled, saying why, and the delivery failed as GONE without retries
            receiver.next(WAIT);
            await(() -> "DISABLED".equals(get("ANALYST", "/api/v1/subscriptions/" + id).get("status")));
            assertThat((String) get("ANALYST", "/api/v1/subscriptions/" + id).get("disabledReason")).contains("410");
            var log = awaitDelivery("ANALYST", created, "FAILED");
            assertThat(list(log.get("log"))).extracting(a -> map(a).get("outcome")).containsExactly("GONE");

            // And an escalation of that alert queues nothing for it
            lifecycle.apply(detection("metonitazene", "Metonitazene", SubstanceClass.NITAZENE_OPIOID, Severity.CRITICAL, "More."))
                    .ifPresent(e -> assertThat(e.type()).isEqualTo(AlertEvent.Type.ESCALATED));
            assertThat(deliveries.findBySubscriptionId(UUID.fromString(id), Pageable.from(0, 10))
                    .getTotalSize()).isEqualTo(1);
            assertThat(receiver.all()).hasSize(1);

            // And its owner can turn it back on once the receiver is back
            assertThat(post("ANALYST", "/api/v1/subscriptions/" + id + "/enable", Map.of(), 200)).containsEntry("status", "ACTIVE")
                    .containsEntry("disabledReason", null);
        }
    }

    @Test
    void shouldQueueATestMessageOnRequest() throws Exception {
        try (var receiver = WebhookReceiver.start()) {
            // Given a webhook subscription
            var created = create("OPERATOR", webhook("Test me", receiver.url("/test"), Map.of("substances", List.of("ketamine"))));

            // When its owner asks for a test message
            var queued = post("OPERATOR", "/api/v1/subscriptions/" + created.get("id") + "/test", Map.of(), 202);

            // Then it is queued, and arrives signed, of type test
            assertThat(queued).containsEntry("type", "test").containsEntry("status", "PENDING");
            var received = receiver.next(WAIT);
            assertThat(WebhookReceiver.verify((String) created.get("secret"), received)).isTrue();
            assertThat(json.readValue(received.body(), JSON)).containsEntry("type", "test");
            assertThat(received.header("webhook-id")).isEqualTo(queued.get("messageId"));
            awaitDelivery("OPERATOR", created, "DELIVERED");
        }
    }

    @Test
    void shouldShowTheSecretOnceAndSignWithOldAndNewDuringARotation() throws Exception {
        try (var receiver = WebhookReceiver.start()) {
            // Given a webhook subscription and the secret shown when it was made
            var created = create("ANALYST", webhook("Rotate", receiver.url("/rotate"), Map.of("substances", List.of("carfentanil"))));
            var id = (String) created.get("id");
            var old = (String) created.get("secret");
            assertThat(old).startsWith("whsec_");
            assertThat(Base64.getDecoder().decode(old.substring(6)).length).isGreaterThanOrEqualTo(24);

            // Then reading it again never shows the secret
            assertThat(get("ANALYST", "/api/v1/subscriptions/" + id)).doesNotContainKey("secret");
            assertThat(list(get("ANALYST", "/api/v1/subscriptions").get("items"))).allSatisfy(s -> assertThat(map(s)).doesNotContainKey("secret"));

            // When the secret is rotated
            var rotated = post("ANALYST", "/api/v1/subscriptions/" + id + "/secret", Map.of(), 200);
            var fresh = (String) rotated.get("secret");
            assertThat(fresh).startsWith("whsec_").isNotEqualTo(old);
            assertThat(rotated.get("secretRotatedAt")).isNotNull();

            // Then messages carry two signatures, one per secret, during the overlap
            post("ANALYST", "/api/v1/subscriptions/" + id + "/test", Map.of(), 202);
            var received = receiver.next(WAIT);
            assertThat(received.header("webhook-signature").split(" ")).hasSize(2);
            assertThat(WebhookReceiver.verify(old, received)).isTrue();
            assertThat(WebhookReceiver.verify(fresh, received)).isTrue();
            awaitDelivery("ANALYST", created, "DELIVERED");

            // And the database holds it sealed, not as text
            var stored = subscriptions.findById(UUID.fromString(id)).orElseThrow();
            assertThat(stored.secret()).startsWith("v1:").doesNotContain(fresh.substring(6));
        }
    }

    @Test
    void shouldRefuseAtDeliveryTimeATargetTheGuardNoLongerAllows() throws Exception {
        try (var receiver = WebhookReceiver.start()) {
            // Given a subscription stored earlier whose target now is a loopback address outside the allow-list
            // (IPv6 loopback; only 127.0.0.1/32 is allow-listed)
            var id = UUID.randomUUID();
            var now = Instant.now();
            subscriptions.save(new Subscription(id, "test-analyst", "Stale", Channel.WEBHOOK,
                    "http://[::1]:" + receiver.port() + "/hook", new SubscriptionFilter(null, null, List.of("ketamine"), null, null),
                    cipher.seal(id, WebhookSecrets.generate()), null, null, now, SubscriptionStatus.ACTIVE, null, null, now, now));

            // When a message is queued for it
            post("ANALYST", "/api/v1/subscriptions/" + id + "/test", Map.of(), 202);

            // Then the attempt is refused by the SSRF guard, not retried, and nothing was sent
            var log = awaitDelivery("ANALYST", Map.of("id", id.toString()), "FAILED");
            var attempt = map(list(log.get("log")).get(0));
            assertThat(attempt).containsEntry("outcome", "REFUSED");
            assertThat((String) attempt.get("error")).contains("loopback");
            assertThat(receiver.all()).isEmpty();
        }
    }

    // --- e-mail -----------------------------------------------------------------------------------------------------

    @Test
    void shouldEmailMatchingAlertWithSummaryEvidenceAndDashboardLink() throws Exception {
        // Given an e-mail subscription for protonitazene
        var created = create("ANALYST", Map.of("name", "Mail <me>", "channel", "EMAIL", "target", "analyst@fhi.example",
                "filter", Map.of("substances", List.of("protonitazene"))));
        assertThat(created).doesNotContainKey("secret");

        // When an alert opens whose summary contains markup
        var event = lifecycle.apply(detection("protonitazene", "Protonitazene", SubstanceClass.NITAZENE_OPIOID, Severity.CRITICAL,
                "Protonitazene in a tablet sold as <oxycodone> & more.")).orElseThrow();

        // Then the SMTP server gets one e-mail to that address
        await(() -> Arrays.stream(smtp.getReceivedMessages()).anyMatch(m -> recipients(m).contains("analyst@fhi.example")));
        var mail = Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> recipients(m).contains("analyst@fhi.example")).findFirst().orElseThrow();
        assertThat(mail.getSubject()).isEqualTo("[Rusvarsel] CRITICAL: Protonitazene in Oslo");
        assertThat(mail.getFrom()[0].toString()).contains("varsel@rusvarsel.example");
        assertThat(mail.getHeader("Auto-Submitted")[0]).isEqualTo("auto-generated");

        // And it has a plain-text and an HTML part with summary, region, evidence and link; the HTML escapes the text
        var text = part(mail, "text/plain");
        var html = part(mail, "text/html");
        assertThat(text).contains("Protonitazene in a tablet sold as <oxycodone> & more.", "Oslo (0301)", "DRUG_CHECKING",
                "https://rusvarsel.example/#/alerts/" + event.alertId());
        assertThat(html).contains("Protonitazene in a tablet sold as &lt;oxycodone&gt; &amp; more.", "Mail &lt;me&gt;",
                "https://rusvarsel.example/#/alerts/" + event.alertId()).doesNotContain("<oxycodone>");
        awaitDelivery("ANALYST", created, "DELIVERED");
    }

    // --- the queue ----------------------------------------------------------------------------------------------------

    @Test
    void shouldQueueAnAlertChangeOnlyOncePerSubscription() throws Exception {
        // Given an e-mail subscription and an alert change queued for it
        var created = create("ANALYST", Map.of("name", "Once", "channel", "EMAIL", "target", "once@fhi.example",
                "filter", Map.of("substances", List.of("etonitazene"))));
        var subscriptionId = UUID.fromString((String) created.get("id"));
        var event = lifecycle.apply(detection("etonitazene", "Etonitazene", SubstanceClass.NITAZENE_OPIOID, Severity.HIGH,
                "Etonitazene.")).orElseThrow();

        // When the same change is notified again
        notifier.notify(alerts.findById(event.alertId()).orElseThrow(), event);

        // Then there is still one delivery for it
        assertThat(deliveries.findBySubscriptionIdAndEventId(subscriptionId, event.eventId())).hasSize(1);

        // And the database itself refuses a second row for the same subscription and event
        assertThatThrownBy(() -> tx.executeWrite(status -> {
            try (var statement = status.getConnection().prepareStatement(
                    "INSERT INTO delivery (delivery_id, subscription_id, event_id, message_id, type, channel, payload, status,"
                            + " created_at, updated_at) VALUES (?, ?, ?, ?, 'alert.opened', 'EMAIL', '{}', 'PENDING', now(), now())")) {
                statement.setObject(1, UUID.randomUUID());
                statement.setObject(2, subscriptionId);
                statement.setString(3, event.eventId());
                statement.setString(4, "msg_" + UUID.randomUUID());
                return statement.executeUpdate();
            }
        })).hasStackTraceContaining("duplicate key");
    }

    @Test
    void shouldDeliverEachMessageOnceWhileSeveralWorkersClaim() throws Exception {
        try (var receiver = WebhookReceiver.start(4)) {
            // Given 60 queued messages for one webhook
            var created = create("ANALYST", webhook("Crowd", receiver.url("/crowd"), Map.of("substances", List.of("ketamine"))));
            var subscription = subscriptions.findById(UUID.fromString((String) created.get("id"))).orElseThrow();
            int n = 60;
            tx.executeWrite(status -> {
                for (int i = 0; i < n; i++) {
                    queue.enqueue(subscription, "test:crowd-" + i, "test", null, "{\"type\":\"test\",\"n\":" + i + "}", Instant.now());
                }
                return null;
            });

            // When three more workers (as other instances would) claim and deliver alongside the service's own
            var others = Executors.newFixedThreadPool(3);
            for (int w = 0; w < 3; w++) {
                others.submit(() -> {
                    for (int idle = 0; idle < 20; ) {
                        var claimed = queue.claim(4, Duration.ofMinutes(1), Instant.now());
                        claimed.forEach(processor::process);
                        idle = claimed.isEmpty() ? idle + 1 : 0;
                        Thread.sleep(20);
                    }
                    return null;
                });
            }

            // Then every message arrives exactly once
            await(() -> receiver.all().size() >= n);
            others.shutdown();
            assertThat(others.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            var ids = receiver.all().stream().map(r -> r.header("webhook-id")).toList();
            assertThat(ids).hasSize(n).doesNotHaveDuplicates();
            assertThat(deliveries.findBySubscriptionId(subscription.subscriptionId(), Pageable.from(0, 100))
                    .getContent()).hasSize(n).allSatisfy(d -> {
                        assertThat(d.status()).isEqualTo(DeliveryStatus.DELIVERED);
                        assertThat(d.attempts()).isEqualTo(1);
                    });
        }
    }

    // --- the API ------------------------------------------------------------------------------------------------------

    @Test
    void shouldHideOneUsersSubscriptionFromAnotherButNotFromAdmin() {
        // Given the analyst's subscription
        var created = create("ANALYST", Map.of("name", "Mine", "channel", "EMAIL", "target", "mine@fhi.example",
                "filter", Map.of("rules", List.of("PROVIDER_SILENT"))));
        var path = "/api/v1/subscriptions/" + created.get("id");
        assertThat(created).containsEntry("owner", "test-analyst").containsEntry("status", "ACTIVE");

        // Then the operator cannot see, test, read the log of, or delete it: 404
        for (var request : List.<MutableHttpRequest<?>>of(HttpRequest.GET(path), HttpRequest.GET(path + "/deliveries"),
                HttpRequest.POST(path + "/test", Map.of()), HttpRequest.DELETE(path))) {
            assertThatThrownBy(() -> http.toBlocking().exchange(request.bearerAuth(DevTokens.forTest("OPERATOR"))))
                    .isInstanceOfSatisfying(HttpClientResponseException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(404));
        }
        assertThat(list(get("OPERATOR", "/api/v1/subscriptions?size=200").get("items")))
                .noneSatisfy(s -> assertThat(map(s).get("id")).isEqualTo(created.get("id")));

        // And the owner and an admin can
        assertThat(get("ANALYST", path)).containsEntry("name", "Mine");
        assertThat(get("ADMIN", path)).containsEntry("owner", "test-analyst");
        assertThat(list(get("ADMIN", "/api/v1/subscriptions?size=200").get("items")))
                .anySatisfy(s -> assertThat(map(s).get("id")).isEqualTo(created.get("id")));

        // And without a token there is nothing at all
        assertThatThrownBy(() -> http.toBlocking().exchange(HttpRequest.GET("/api/v1/subscriptions")))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(401));

        // When the owner deletes it, it is gone
        http.toBlocking().exchange(HttpRequest.DELETE(path).bearerAuth(DevTokens.forTest("ANALYST")));
        assertThatThrownBy(() -> get("ANALYST", path))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(404));
    }

    @Test
    void shouldRefuseAnInvalidSubscriptionNamingEveryField() {
        // When a subscription with a bad name, a plain-http target and a wrong filter is posted
        var body = Map.of("name", "", "channel", "WEBHOOK", "target", "http://hooks.example.org/x",
                "filter", Map.of("regions", List.of("0301", "9999"), "substanceClasses", List.of("NITAZENE_OPIOID", "UNICORN"),
                        "minSeverity", "SEVERE", "rules", List.of("NOPE")));

        // Then it is a 400 problem naming each field
        var problem = problem(body);
        assertThat(fields(problem)).containsExactlyInAnyOrder("name", "target", "filter.regions[1]",
                "filter.substanceClasses[1]", "filter.minSeverity", "filter.rules[0]");

        // And a bad e-mail address, an unknown channel and an unknown property are refused too
        assertThat(fields(problem(Map.of("name", "n", "channel", "EMAIL", "target", "not-an-address")))).containsExactly("target");
        assertThat(fields(problem(Map.of("name", "n", "channel", "PIGEON", "target", "x")))).containsExactly("channel");
        assertThatThrownBy(() -> http.toBlocking().exchange(HttpRequest.POST("/api/v1/subscriptions",
                        Map.of("name", "n", "channel", "EMAIL", "target", "a@fhi.example", "filter", Map.of("regoins", List.of("03"))))
                .bearerAuth(DevTokens.forTest("ANALYST"))))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(400));
    }

    // --- helpers ------------------------------------------------------------------------------------------------------

    private static Map<String, Object> webhook(String name, String url, Map<String, Object> filter) {
        return Map.of("name", name, "channel", "WEBHOOK", "target", url, "filter", filter);
    }

    private static Detection detection(String substance, String name, SubstanceClass cls, Severity severity, String summary) {
        return new Detection("det-" + UUID.randomUUID(), Rule.WATCHLIST_SUBSTANCE, severity, Certainty.OBSERVED, "0301",
                substance, name, cls, DAY, DAY.plusSeconds(86_400), List.of("sig-" + UUID.randomUUID()),
                Set.of(SourceType.DRUG_CHECKING), Map.of("observed", 1.0), summary, DAY.plusSeconds(3600));
    }

    private Map<String, Object> create(String role, Map<String, Object> body) {
        return post(role, "/api/v1/subscriptions", body, 201);
    }

    private Map<String, Object> post(String role, String path, Object body, int status) {
        var response = http.toBlocking().exchange(HttpRequest.POST(path, body).bearerAuth(DevTokens.forTest(role)), JSON);
        assertThat(response.getStatus().getCode()).isEqualTo(status);
        return response.body();
    }

    private Map<String, Object> get(String role, String path) {
        return http.toBlocking().retrieve(HttpRequest.GET(path).bearerAuth(DevTokens.forTest(role)), JSON);
    }

    private Map<String, Object> problem(Map<String, Object> body) {
        try {
            http.toBlocking().exchange(HttpRequest.POST("/api/v1/subscriptions", body).bearerAuth(DevTokens.forTest("ANALYST")));
        } catch (HttpClientResponseException e) {
            assertThat(e.getStatus().getCode()).isEqualTo(400);
            assertThat(e.getResponse().getContentType().orElseThrow().toString()).startsWith("application/problem+json");
            try {
                return json.readValue(e.getResponse().getBody(String.class).orElseThrow(), JSON);
            } catch (IOException io) {
                throw new AssertionError(io);
            }
        }
        throw new AssertionError("expected 400 for " + body);
    }

    private static List<String> fields(Map<String, Object> problem) {
        return list(problem.get("errors")).stream().map(e -> (String) map(e).get("field")).toList();
    }

    /** Waits until the subscription's newest delivery has the status; returns it. */
    private Map<String, Object> awaitDelivery(String role, Map<String, Object> subscription, String status) {
        var path = "/api/v1/subscriptions/" + subscription.get("id") + "/deliveries";
        await(() -> {
            var items = list(get(role, path).get("items"));
            return !items.isEmpty() && status.equals(map(items.get(0)).get("status"));
        });
        return map(list(get(role, path).get("items")).get(0));
    }

    private static void await(BooleanSupplier condition) {
        var deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + WAIT);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static List<String> recipients(MimeMessage m) {
        try {
            return Arrays.stream(m.getAllRecipients()).map(Object::toString).toList();
        } catch (MessagingException e) {
            throw new AssertionError(e);
        }
    }

    private static String part(MimeMessage message, String type) throws Exception {
        var multipart = (MimeMultipart) message.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
            var found = find(multipart.getBodyPart(i), type);
            if (found != null) {
                return found;
            }
        }
        throw new AssertionError("no " + type + " part");
    }

    private static String find(Part part, String type) throws Exception {
        if (part.isMimeType(type)) {
            return part.getContent().toString();
        }
        if (part.getContent() instanceof MimeMultipart nested) {
            for (int i = 0; i < nested.getCount(); i++) {
                var found = find(nested.getBodyPart(i), type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return (List<Object>) o;
    }
}
