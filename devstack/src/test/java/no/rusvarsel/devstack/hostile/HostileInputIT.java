package no.rusvarsel.devstack.hostile;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import no.rusvarsel.devstack.hostile.HostileRequest.Expect;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9, hostile input: the generated corpus ({@link HostileCorpus}, ≥ 2,000 requests against every endpoint that
 * takes input, each with credentials that reach parsing and validation) against the real dev stack. No 5xx, every
 * error a problem document, nothing stored in Kafka or the databases, heap stable, the services still healthy; a few
 * slow bodies trickle in meanwhile without starving anyone. Per-category results go to
 * {@code target/hostile-report.md}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputIT {

    private static final long SEED = 20261123L;
    private static final int THREADS = 6;
    private static final int TIMEOUT_MILLIS = 30_000;
    private static final long HEAP_GROWTH_LIMIT = 150L * 1024 * 1024;
    private static final List<String> SERVICES = List.of("ingest", "analytics", "alerts");
    private static final List<String> INGEST_TABLES = List.of("signal_ledger", "provider", "api_key");
    private static final List<String> ALERT_TABLES = List.of("subscription", "alert", "alert_event", "delivery");
    private static final List<String> TOPICS = List.of("rusvarsel.signals.v1", "rusvarsel.watchlist.v1");

    private final ObjectMapper json = ObjectMapper.getDefault();
    private HostileStack stack;

    @BeforeAll
    void start() throws Exception {
        stack = new HostileStack(Map.of(
                "MAX_REQUEST_SIZE", "1MB",
                "RUSVARSEL_INGEST_RATE_LIMIT_REQUESTS_PER_MINUTE", "1000000",
                "RUSVARSEL_INGEST_RATE_LIMIT_BURST", "100000"));
    }

    @AfterAll
    void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    private record Outcome(HostileRequest request, RawHttp.Response response) {
    }

    @Test
    void shouldRefuseEveryHostileRequestWithAProblemAndStoreNothingWhileStayingHealthy() throws Exception {
        var corpus = HostileCorpus.generate(SEED);
        var hostile = corpus.stream().filter(r -> r.expect() != Expect.ACCEPTED).toList();
        var odd = corpus.stream().filter(r -> r.expect() == Expect.ACCEPTED).toList();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(2000);

        var watchlistBefore = get("analytics", "/api/v1/watchlist", "ANALYST");
        assertThat(watchlistBefore.status()).isEqualTo(200);
        var heapBefore = heap();
        var rowsBefore = rows();
        var offsetsBefore = stack.endOffsets(TOPICS);
        long started = System.nanoTime();

        // slow bodies trickle in on every service while the corpus runs
        var stop = new AtomicBoolean();
        var slowPool = Executors.newFixedThreadPool(4 * SERVICES.size());
        var slow = new ArrayList<Future<String>>();
        for (var service : SERVICES) {
            slow.add(slowPool.submit(() -> slowBody(service, true, stop)));
            slow.add(slowPool.submit(() -> slowBody(service, true, stop)));
            slow.add(slowPool.submit(() -> slowBody(service, false, stop)));
            slow.add(slowPool.submit(() -> slowHeaders(service, stop)));
        }

        var outcomes = Collections.synchronizedList(new ArrayList<Outcome>());
        var pool = Executors.newFixedThreadPool(THREADS);
        var futures = new ArrayList<Future<?>>();
        for (var request : hostile) {
            futures.add(pool.submit(() -> outcomes.add(new Outcome(request, send(request)))));
        }
        for (var f : futures) {
            f.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();
        long corpusMillis = (System.nanoTime() - started) / 1_000_000;
        stop.set(true);
        var slowResults = new ArrayList<String>();
        for (var f : slow) {
            slowResults.add(f.get(90, TimeUnit.SECONDS));
        }
        slowPool.shutdownNow();

        var failures = new ArrayList<String>();
        for (var o : outcomes) {
            check(o).ifPresent(f -> failures.add(f + " ← " + o.request().describe()));
        }
        slowResults.stream().filter(s -> s.startsWith("FAIL")).forEach(failures::add);

        // nothing from them stored: same rows, same Kafka end offsets, same watchlist
        var rowsAfterHostile = rows();
        var offsetsAfterHostile = stack.endOffsets(TOPICS);
        var watchlistAfter = get("analytics", "/api/v1/watchlist", "ANALYST");

        // the valid-but-odd entries, sent apart so that what they store is counted exactly
        var oddOutcomes = new ArrayList<Outcome>();
        int oddRecords = 0;
        for (var request : odd) {
            var response = send(request);
            oddOutcomes.add(new Outcome(request, response));
            if (response.status() != 202) {
                failures.add("expected 202, got " + response.status() + " " + response.text() + " ← " + request.describe());
            }
            oddRecords += request.records();
        }
        var rowsAfterOdd = rows();

        // still healthy, and a valid request still works
        var valid = RawHttp.send(stack.ports.get("ingest"), "POST", "/api/v1/signals/drug-checking", stack.bearer("drug-checking"),
                "application/json", ("{\"externalId\":\"HOSTILE-AFTER\",\"region\":\"0301\",\"observedAt\":\"2025-03-02\",\"form\":\"TABLET\","
                        + "\"soldAs\":\"MDMA\",\"method\":\"GC_MS\",\"confirmed\":true,\"components\":[{\"substance\":\"MDMA\",\"amountMg\":120}]}")
                        .getBytes(StandardCharsets.UTF_8), TIMEOUT_MILLIS);
        Thread.sleep(3_000);
        var heapAfter = heap();
        long totalMillis = (System.nanoTime() - started) / 1_000_000;

        var all = new ArrayList<>(outcomes);
        all.addAll(oddOutcomes);
        writeReport(all, slowResults, corpusMillis, totalMillis, heapBefore, heapAfter, failures);

        assertThat(failures).as("hostile requests answered wrongly (first 40):\n%s",
                String.join("\n", failures.subList(0, Math.min(40, failures.size())))).isEmpty();
        assertThat(rowsAfterHostile).as("database rows after the hostile corpus").isEqualTo(rowsBefore);
        assertThat(offsetsAfterHostile).as("Kafka end offsets after the hostile corpus").isEqualTo(offsetsBefore);
        assertThat(watchlistAfter.text()).as("the watchlist").isEqualTo(watchlistBefore.text());
        assertThat(rowsAfterOdd.get("ingest.signal_ledger") - rowsBefore.get("ingest.signal_ledger"))
                .as("ledger rows stored by the valid-but-odd entries").isEqualTo(oddRecords);
        assertThat(valid.status()).as(valid.text()).isEqualTo(202);
        assertThat(valid.text()).contains("\"accepted\":1");
        for (var service : SERVICES) {
            var health = RawHttp.send(stack.ports.get(service), "GET", "/health", null, null, null, TIMEOUT_MILLIS);
            assertThat(health.status()).as(service + " health " + health.text()).isEqualTo(200);
            assertThat(heapAfter.get(service) - heapBefore.get(service)).as(service + " heap growth in bytes")
                    .isLessThan(HEAP_GROWTH_LIMIT);
        }
        assertThat(get("alerts", "/api/v1/alerts", "ANALYST").status()).isEqualTo(200);
        assertThat(totalMillis).as("the corpus run").isLessThan(120_000);
    }

    private RawHttp.Response send(HostileRequest r) {
        return RawHttp.send(stack.ports.get(r.service()), r.method(), r.path(), stack.bearer(r.credential()), r.contentType(), r.body(),
                TIMEOUT_MILLIS);
    }

    private RawHttp.Response get(String service, String path, String who) {
        return RawHttp.send(stack.ports.get(service), "GET", path, stack.bearer(who), null, null, TIMEOUT_MILLIS);
    }

    /** @return what is wrong with the answer, if anything */
    private java.util.Optional<String> check(Outcome o) {
        var r = o.request();
        var response = o.response();
        int status = response.status();
        if (status < 0) {
            return java.util.Optional.of("no answer (" + response.failure() + ")");
        }
        if (status >= 500) {
            return java.util.Optional.of("server error " + status + " " + response.text());
        }
        if (status < 400) {
            return java.util.Optional.of("not refused: " + status + " " + abbreviate(response.text()));
        }
        if (r.expect() == Expect.TOO_LARGE && status != 413) {
            return java.util.Optional.of("expected 413, got " + status);
        }
        if (r.expect() == Expect.UNSUPPORTED_MEDIA_TYPE && status != 415) {
            return java.util.Optional.of("expected 415, got " + status);
        }
        var contentType = response.header("content-type");
        if (contentType == null || !contentType.startsWith("application/problem+json")) {
            return java.util.Optional.of(status + " with Content-Type " + contentType + ": " + abbreviate(response.text()));
        }
        Map<String, Object> problem;
        try {
            problem = json.readValue(response.body(), Argument.mapOf(String.class, Object.class));
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.of(status + " problem is not JSON: " + abbreviate(response.text()));
        }
        if (!(problem.get("status") instanceof Number n) || n.intValue() != status) {
            return java.util.Optional.of(status + " problem without its status: " + abbreviate(response.text()));
        }
        if (!(problem.get("title") instanceof String title) || title.isBlank()) {
            return java.util.Optional.of(status + " problem without a title: " + abbreviate(response.text()));
        }
        if (r.isIngest() && status == 400) {
            var type = String.valueOf(problem.get("type"));
            if (type.endsWith("invalid-records")) {
                // each error names its record and field; an error about a whole record (not a JSON object) has no field
                if (!(problem.get("errors") instanceof List<?> errors) || errors.isEmpty()
                        || !errors.stream().allMatch(e -> e instanceof Map<?, ?> m && m.get("index") instanceof Number
                        && (m.get("field") instanceof String || "must be a JSON object".equals(m.get("message"))))) {
                    return java.util.Optional.of("ingest 400 without errors naming fields: " + abbreviate(response.text()));
                }
            } else if (!(problem.get("detail") instanceof String detail) || detail.isBlank()) {
                return java.util.Optional.of("ingest 400 without errors or detail: " + abbreviate(response.text()));
            }
            if (r.category().equals("identity-numbers") && !type.endsWith("invalid-records")) {
                return java.util.Optional.of("identity number not reported per field: " + abbreviate(response.text()));
            }
        }
        if (r.secret() != null && response.text().replaceAll("[ .\\-\u00A0]", "").contains(r.secret())) {
            return java.util.Optional.of("the answer repeats the identity number");
        }
        return java.util.Optional.empty();
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    /**
     * A request whose body trickles in a byte at a time. Complete: the whole (invalid) body arrives over several
     * seconds and must be answered with a 4xx problem. Incomplete: it stops half-way and stays open until the corpus is
     * done; the server may answer (408/400) or wait, but must not stop serving others meanwhile.
     */
    private String slowBody(String service, boolean complete, AtomicBoolean stop) {
        int port = stack.ports.get(service);
        var path = switch (service) {
            case "ingest" -> "/api/v1/signals/seizure";
            case "analytics" -> "/api/v1/watchlist/hostile-slow";
            default -> "/api/v1/subscriptions";
        };
        var who = switch (service) {
            case "ingest" -> "seizure";
            case "analytics" -> "OPERATOR";
            default -> "ANALYST";
        };
        var method = service.equals("analytics") ? "PUT" : "POST";
        var body = "{\"externalId\":\"SLOW\",\"region\":\"99\",\"observedAt\":\"yesterday\",\"x\":[1,2,3,4,5,6,7,8,9]}"
                .getBytes(StandardCharsets.UTF_8);
        var label = "slow-body " + (complete ? "complete" : "stalled") + " " + service;
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            var out = socket.getOutputStream();
            out.write(RawHttp.head(port, method, path, stack.bearer(who), "application/json", body.length));
            out.flush();
            int limit = complete ? body.length : body.length / 2;
            for (int i = 0; i < limit; i++) {
                out.write(body[i]);
                out.flush();
                Thread.sleep(complete ? 150 : 250);
            }
            if (!complete) {
                while (!stop.get()) {
                    Thread.sleep(100);
                }
                socket.setSoTimeout(1_000);
                try {
                    var answer = RawHttp.read(socket.getInputStream());
                    return answer.status() >= 500 ? "FAIL " + label + ": " + answer.status() : label + ": answered " + answer.status();
                } catch (java.net.SocketTimeoutException e) {
                    return label + ": still waiting for the rest of the body (closed by the client)";
                }
            }
            var answer = RawHttp.read(socket.getInputStream());
            if (answer.status() < 400 || answer.status() >= 500
                    || !String.valueOf(answer.header("content-type")).startsWith("application/problem+json")) {
                return "FAIL " + label + ": " + answer.status() + " " + answer.header("content-type") + " " + answer.text();
            }
            return label + ": answered " + answer.status() + " after " + body.length + " bytes over ~" + (body.length * 150 / 1000) + " s";
        } catch (IOException e) {
            return complete ? "FAIL " + label + ": " + e : label + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "FAIL " + label + ": interrupted";
        }
    }

    /** Headers that trickle in (slowloris): the server may wait or close; the others must still be served. */
    private String slowHeaders(String service, AtomicBoolean stop) {
        int port = stack.ports.get(service);
        var label = "slow-headers " + service;
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            var out = socket.getOutputStream();
            out.write(("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n").getBytes(StandardCharsets.US_ASCII));
            int n = 0;
            while (!stop.get()) {
                out.write(("X-Slow-" + n++ + ": " + "a".repeat(10) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(500);
            }
            return label + ": " + n + " header lines over the run, connection kept";
        } catch (IOException e) {
            return label + ": closed by the server (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "FAIL " + label + ": interrupted";
        }
    }

    private Map<String, Long> rows() throws Exception {
        var rows = new TreeMap<String, Long>(stack.rowCounts("ingest", INGEST_TABLES));
        rows.putAll(stack.rowCounts("alerts", ALERT_TABLES));
        return rows;
    }

    /** Used heap per service from {@code /prometheus}, after a pause that lets the collector catch up. */
    private Map<String, Long> heap() throws InterruptedException {
        Thread.sleep(2_000);
        var heap = new LinkedHashMap<String, Long>();
        for (var service : SERVICES) {
            var metrics = get(service, "/prometheus", "OPERATOR");
            assertThat(metrics.status()).as(service + " /prometheus").isEqualTo(200);
            double sum = 0;
            for (var line : metrics.text().split("\n")) {
                if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            heap.put(service, (long) sum);
        }
        return heap;
    }

    private void writeReport(List<Outcome> outcomes, List<String> slow, long corpusMillis, long totalMillis,
                             Map<String, Long> heapBefore, Map<String, Long> heapAfter, List<String> failures) throws IOException {
        var byCategory = new TreeMap<String, Map<String, Integer>>();
        var byService = new TreeMap<String, Integer>();
        for (var o : outcomes) {
            var status = o.response().status() < 0 ? "none" : String.valueOf(o.response().status());
            var key = o.request().category() + (o.request().expect() == Expect.ACCEPTED ? " (valid but odd)" : "");
            byCategory.computeIfAbsent(key, k -> new TreeMap<>()).merge(status, 1, Integer::sum);
            byService.merge(o.request().service(), 1, Integer::sum);
        }
        var b = new StringBuilder("# Hostile input corpus\n\n");
        b.append("Seed ").append(SEED).append(", ").append(outcomes.size()).append(" requests (").append(byService)
                .append(") plus ").append(slow.size()).append(" slow connections; corpus sent in ").append(corpusMillis)
                .append(" ms with ").append(THREADS).append(" threads, whole run ").append(totalMillis).append(" ms.\n\n");
        b.append("| category | sent | statuses |\n|---|---:|---|\n");
        byCategory.forEach((category, statuses) -> b.append("| ").append(category).append(" | ")
                .append(statuses.values().stream().mapToInt(Integer::intValue).sum()).append(" | ").append(statuses).append(" |\n"));
        b.append("\n## Slow connections\n\n");
        slow.forEach(s -> b.append("- ").append(s).append('\n'));
        b.append("\n## Heap used (bytes)\n\n| service | before | after |\n|---|---:|---:|\n");
        heapBefore.forEach((service, before) -> b.append("| ").append(service).append(" | ").append(before).append(" | ")
                .append(heapAfter.get(service)).append(" |\n"));
        b.append("\n## Failures: ").append(failures.size()).append("\n\n");
        failures.stream().limit(200).forEach(f -> b.append("- ").append(f.replace("\n", " ").replace("|", "\\|")).append('\n'));
        var file = Path.of("target/hostile-report.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, b.toString());
    }
}
