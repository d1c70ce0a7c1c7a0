package no.rusvarsel.alerts.delivery;

import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A webhook receiver for tests on a free loopback port: answers with scripted statuses (then 204), records what it
 * got, and checks Standard Webhooks signatures the way the spec's reference libraries do.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as received: lower-case header names. */
    public record Received(String path, Map<String, String> headers, String body, Instant at) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private record Answer(int status, Map<String, String> headers) {
    }

    private final HttpServer server;
    private final LinkedBlockingQueue<Received> inbox = new LinkedBlockingQueue<>();
    private final List<Received> all = java.util.Collections.synchronizedList(new ArrayList<>());
    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();

    private WebhookReceiver(int threads) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var headers = new HashMap<String, String>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
            var received = new Received(exchange.getRequestURI().getPath(), headers, body, Instant.now());
            all.add(received);
            inbox.add(received);
            var answer = script.poll();
            int status = answer == null ? 204 : answer.status();
            if (answer != null) {
                answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(threads));
        server.start();
    }

    public static WebhookReceiver start() {
        return new WebhookReceiver(2);
    }

    public static WebhookReceiver start(int threads) {
        return new WebhookReceiver(threads);
    }

    /** The next answers, in order; after them it answers 204. */
    public WebhookReceiver answer(int... statuses) {
        Arrays.stream(statuses).forEach(s -> script.add(new Answer(s, Map.of())));
        return this;
    }

    public WebhookReceiver answer(int status, String header, String value) {
        script.add(new Answer(status, Map.of(header, value)));
        return this;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public Received next(Duration timeout) throws InterruptedException {
        var r = inbox.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (r == null) {
            throw new AssertionError("no webhook request within " + timeout);
        }
        return r;
    }

    public List<Received> all() {
        synchronized (all) {
            return List.copyOf(all);
        }
    }

    /**
     * The Standard Webhooks check: the key is the base64 part of the {@code whsec_} secret; a signature is
     * {@code v1,} + base64(HMAC-SHA256(key, id.timestamp.body)); the header may list several; the timestamp must be
     * within five minutes.
     */
    public static boolean verify(String secret, Received r) {
        try {
            var key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            var signed = r.header("webhook-id") + "." + r.header("webhook-timestamp") + "." + r.body();
            var expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
            var timestamp = Instant.ofEpochSecond(Long.parseLong(r.header("webhook-timestamp")));
            var fresh = Duration.between(timestamp, Instant.now()).abs().compareTo(Duration.ofMinutes(5)) < 0;
            return fresh && Arrays.asList(r.header("webhook-signature").split(" ")).contains(expected);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
