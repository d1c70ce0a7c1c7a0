package no.rusvarsel.bench;

import com.sun.net.httpserver.HttpServer;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A webhook receiver on the loopback interface for the latency figure: a subscription of the stack's ANALYST (every
 * alert of at least HIGH severity) points here; each {@code alert.opened} message is noted with the moment it arrived,
 * by county and substance, and its Standard Webhooks signature is checked with the secret the subscription got. The
 * stack allow-lists 127.0.0.1 for webhooks ({@link Stack#SETTINGS}); a private target is refused otherwise.
 */
final class WebhookReceiver implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, Instant> opened = new ConcurrentHashMap<>();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong badSignatures = new AtomicLong();
    private volatile byte[] secret;
    private String subscriptionId;

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            var t = new Thread(r, "bench-webhook");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/hook", exchange -> {
            var now = Instant.now();
            byte[] body;
            try (var in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            received.incrementAndGet();
            var headers = exchange.getRequestHeaders();
            if (!signed(headers.getFirst("webhook-id"), headers.getFirst("webhook-timestamp"), headers.getFirst("webhook-signature"), body)) {
                badSignatures.incrementAndGet();
            }
            note(body, now);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** Subscribes the stack's ANALYST to every alert of at least HIGH severity, by webhook to this receiver. */
    @SuppressWarnings("unchecked")
    void subscribe(Stack stack) {
        var body = "{\"name\":\"benchmark latency\",\"channel\":\"WEBHOOK\",\"target\":\"" + url() + "\",\"filter\":{\"minSeverity\":\"HIGH\"}}";
        try {
            var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stack.url("alerts") + "/api/v1/subscriptions"))
                            .header("Authorization", "Bearer " + stack.token("ANALYST")).header("Content-Type", "application/json")
                            .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("POST /api/v1/subscriptions answered " + response.statusCode() + ": " + response.body());
            }
            var created = ObjectMapper.getDefault().readValue(response.body(), Argument.mapOf(String.class, Object.class));
            subscriptionId = String.valueOf(created.get("id"));
            var whsec = String.valueOf(created.get("secret"));
            secret = Base64.getDecoder().decode(whsec.startsWith("whsec_") ? whsec.substring(6) : whsec);
        } catch (IOException e) {
            throw new IllegalStateException("cannot subscribe the webhook receiver: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String subscriptionId() {
        return subscriptionId;
    }

    /** When the OPENED message for this county and substance arrived, if it has. */
    Instant opened(String county, String substance) {
        return opened.get(substance + "|" + county);
    }

    long received() {
        return received.get();
    }

    long badSignatures() {
        return badSignatures.get();
    }

    @SuppressWarnings("unchecked")
    private void note(byte[] body, Instant at) {
        try {
            var message = ObjectMapper.getDefault().readValue(body, Argument.mapOf(String.class, Object.class));
            var data = (Map<String, Object>) message.get("data");
            if (data == null || !"OPENED".equals(data.get("change"))) {
                return;
            }
            var county = data.get("county") instanceof Map<?, ?> c ? String.valueOf(c.get("code")) : null;
            opened.putIfAbsent(data.get("substance") + "|" + county, at);
        } catch (IOException | RuntimeException ignored) {
            // test messages and anything else: not a probe's
        }
    }

    /** Standard Webhooks: {@code v1,} + base64 HMAC-SHA256 of {@code id.timestamp.body}; several signatures space-separated. */
    private boolean signed(String id, String timestamp, String signatures, byte[] body) {
        var key = secret;
        if (key == null || id == null || timestamp == null || signatures == null) {
            return false;
        }
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            var expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
            for (var s : signatures.split(" ")) {
                if (s.equals(expected)) {
                    return true;
                }
            }
            return false;
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
