package no.rusvarsel.devstack.faults;

import com.sun.net.httpserver.HttpServer;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver on loopback: records every delivery ({@code webhook-id} and the message's alert change); while
 * {@link #downFor down} it answers 503 to everything, as a receiver behind its load balancer does in an outage.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One message as received. */
    record Received(String webhookId, String type, String alertId, String eventId, String severity, long sequence) {
    }

    private final HttpServer server;
    private final List<Received> received = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger refused = new AtomicInteger();
    private volatile boolean down;
    private volatile java.time.Duration downFor;
    private volatile java.time.Instant firstRefusal;

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            var t = new Thread(r, "webhook-receiver");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (down && downFor != null && firstRefusal != null
                    && java.time.Duration.between(firstRefusal, java.time.Instant.now()).compareTo(downFor) >= 0) {
                down = false; // the outage is over: this delivery gets through
            }
            if (down) {
                if (firstRefusal == null) {
                    firstRefusal = java.time.Instant.now();
                }
                refused.incrementAndGet();
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            try {
                var doc = ObjectMapper.getDefault().readValue(body, Argument.mapOf(String.class, Object.class));
                @SuppressWarnings("unchecked")
                var data = (Map<String, Object>) doc.getOrDefault("data", Map.of());
                received.add(new Received(String.valueOf(exchange.getRequestHeaders().getFirst("webhook-id")),
                        String.valueOf(doc.get("type")), String.valueOf(data.get("alertId")), String.valueOf(data.get("eventId")),
                        String.valueOf(data.get("severity")), data.get("sequence") instanceof Number n ? n.longValue() : -1));
                exchange.sendResponseHeaders(204, -1);
            } catch (IOException | RuntimeException e) {
                exchange.sendResponseHeaders(400, -1);
            }
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** Down (503 to everything) from now until {@code duration} after the first delivery it refused. */
    void downFor(java.time.Duration duration) {
        downFor = duration;
        down = true;
    }

    boolean isDown() {
        return down;
    }

    /** When it refused its first delivery, or null. */
    java.time.Instant firstRefusal() {
        return firstRefusal;
    }

    int refused() {
        return refused.get();
    }

    List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** Alert changes (event ids) that came with more than one distinct {@code webhook-id}: must be none. */
    Map<String, Set<String>> changesWithSeveralIds() {
        var ids = new ConcurrentHashMap<String, Set<String>>();
        for (var r : received()) {
            if (!"test".equals(r.type())) {
                ids.computeIfAbsent(r.eventId(), k -> ConcurrentHashMap.newKeySet()).add(r.webhookId());
            }
        }
        ids.values().removeIf(s -> s.size() < 2);
        return ids;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
