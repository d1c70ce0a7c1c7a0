package no.rusvarsel.bench.loadgen;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import no.rusvarsel.contracts.signal.SourceType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** The sender against a small stand-in for ingest's signal endpoint (the real one: DevStackIT). */
class SenderTest {

    private static final LocalDate START = LocalDate.of(2025, 1, 6);

    private HttpServer server;
    private final Map<String, Set<String>> seen = new ConcurrentHashMap<>();
    private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger requests = new AtomicInteger();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** Answers like ingest: 202 with a result per record, ACCEPTED the first time an id is seen, DUPLICATE after. */
    private String start(Function<Integer, Integer> statusOfRequest) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/api/v1/signals/", exchange -> {
            int n = requests.incrementAndGet();
            authorizations.add(exchange.getRequestURI().getPath() + " " + exchange.getRequestHeaders().getFirst("Authorization"));
            int status = statusOfRequest.apply(n);
            if (status != 202) {
                if (status == 429 || status == 503) {
                    exchange.getResponseHeaders().add("Retry-After", "1");
                }
                respond(exchange, status, "{\"title\":\"nope\"}");
                return;
            }
            var type = exchange.getRequestURI().getPath().substring("/api/v1/signals/".length());
            var records = ObjectMapper.getDefault().readValue(exchange.getRequestBody().readAllBytes(),
                    Argument.listOf(Argument.mapOf(String.class, Object.class)));
            var results = new ArrayList<Map<String, Object>>();
            int accepted = 0, duplicates = 0;
            for (var record : records) {
                var id = (String) record.get("externalId");
                boolean fresh = seen.computeIfAbsent(type, t -> ConcurrentHashMap.newKeySet()).add(id);
                accepted += fresh ? 1 : 0;
                duplicates += fresh ? 0 : 1;
                var result = new LinkedHashMap<String, Object>();
                result.put("externalId", id);
                result.put("signalId", type + ":" + id);
                result.put("status", fresh ? "ACCEPTED" : "DUPLICATE");
                results.add(result);
            }
            var body = new LinkedHashMap<String, Object>();
            body.put("accepted", accepted);
            body.put("duplicates", duplicates);
            body.put("corrected", 0);
            body.put("results", results);
            respond(exchange, 202, ObjectMapper.getDefault().writeValueAsString(body));
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        var bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static ProviderKeys keys() {
        var keys = new LinkedHashMap<String, String>();
        for (SourceType t : SourceType.values()) {
            keys.put(t.path(), "key-" + t.path());
        }
        return new ProviderKeys(keys);
    }

    @Test
    void shouldSendEveryRecordOnceWithItsProvidersKeyAndReceiptsWithTheMomentOf202() throws Exception {
        var url = start(n -> 202);
        var generator = new LoadGenerator(Scenario.of(START, 5).withScale(200));
        var expected = generator.all();
        var receipts = Collections.synchronizedList(new ArrayList<Sender.Receipt>());

        var report = new Sender(Sender.defaultClient(), Sender.Options.defaults(url).withBatchSize(50).withClients(4), keys())
                .send(generator.stream(), receipts::addAll);

        assertThat(report.sent()).isEqualTo(expected.size());
        assertThat(report.accepted()).isEqualTo(expected.size());
        assertThat(report.failed()).isZero();
        assertThat(report.requestsByStatus()).containsOnlyKeys(202);
        assertThat(receipts).hasSize(expected.size()).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo("ACCEPTED");
            assertThat(r.signalId()).isEqualTo(r.sourceType().path() + ":" + r.externalId());
            assertThat(r.answeredAt()).isAfterOrEqualTo(r.sentAt());
        });
        assertThat(new HashSet<>(receipts.stream().map(r -> r.sourceType() + r.externalId()).toList())).hasSize(expected.size());
        assertThat(authorizations).allSatisfy(a -> assertThat(a).endsWith("/api/v1/signals/" + a.split(" ")[0]
                .substring("/api/v1/signals/".length()) + " Bearer key-" + a.split(" ")[0].substring("/api/v1/signals/".length())));

        // the same again: all duplicates
        var again = new Sender(Sender.defaultClient(), Sender.Options.defaults(url).withBatchSize(50), keys()).send(generator.stream(),
                Sender.Listener.NONE);
        assertThat(again.duplicates()).isEqualTo(expected.size());
        assertThat(again.accepted()).isZero();
    }

    @Test
    void shouldRetryAfter429And503AsRetryAfterSaysAndCountWhatStillFails() throws Exception {
        // the first two requests are turned away, the 5th fails for good with 500
        var url = start(n -> n == 1 ? 429 : n == 2 ? 503 : n == 5 ? 500 : 202);
        var generator = new LoadGenerator(Scenario.of(START, 1).withScale(100).withCounties(List.of("03")));
        var count = generator.all().size();

        long started = System.nanoTime();
        var report = new Sender(Sender.defaultClient(), Sender.Options.defaults(url).withBatchSize(5).withClients(1), keys())
                .send(generator.stream(), Sender.Listener.NONE);

        assertThat((System.nanoTime() - started) / 1e9).as("waited Retry-After twice").isGreaterThanOrEqualTo(1.9);
        assertThat(report.retries()).isEqualTo(2);
        assertThat(report.count(500)).isEqualTo(1);
        assertThat(report.serverErrors()).isEqualTo(1);
        assertThat(report.failed()).isBetween(1L, 5L);
        assertThat(report.accepted() + report.failed()).isEqualTo(count);
        assertThat(report.byType().values()).anySatisfy(t -> assertThat(t.firstError()).startsWith("HTTP 500"));
    }

    @Test
    void shouldPaceToTheRequestedRate() throws Exception {
        var url = start(n -> 202);
        var generator = new LoadGenerator(Scenario.of(START, 1).withScale(60).withCounties(List.of("03", "46")));
        int count = generator.all().size();

        var report = new Sender(Sender.defaultClient(), Sender.Options.defaults(url).withBatchSize(5).withRate(count / 1.5), keys())
                .send(generator.stream(), Sender.Listener.NONE);

        assertThat(report.sent()).isEqualTo(count);
        assertThat(report.elapsed().toMillis()).as("about 1.5 s at the rate").isBetween(1100L, 4000L);
    }

    @Test
    void shouldStopWhenThereIsNoIngestApi() throws Exception {
        var url = start(n -> 404);
        var generator = new LoadGenerator(Scenario.of(START, 3).withScale(300));

        var report = new Sender(Sender.defaultClient(), Sender.Options.defaults(url).withBatchSize(10).withClients(1), keys())
                .send(generator.stream(), Sender.Listener.NONE);

        assertThat(report.stoppedBecause()).contains("answered 404");
        assertThat(requests.get()).isLessThan(5);
        assertThat(report.accepted()).isZero();
    }

    @Test
    void shouldReadRetryAfterAsSecondsOrAnHttpDate() {
        assertThat(Sender.retryAfterSeconds("3")).isEqualTo(3);
        assertThat(Sender.retryAfterSeconds(null)).isEqualTo(1);
        assertThat(Sender.retryAfterSeconds("3600")).isEqualTo(30);
        var inTenSeconds = java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(10)
                .format(java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME);
        assertThat(Sender.retryAfterSeconds(inTenSeconds)).isBetween(8L, 10L);
        assertThat(Sender.retryAfterSeconds("soon")).isEqualTo(1);
    }
}
