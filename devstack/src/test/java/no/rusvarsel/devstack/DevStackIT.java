package no.rusvarsel.devstack;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import no.rusvarsel.bench.loadgen.LoadGenerator;
import no.rusvarsel.bench.loadgen.ProviderKeys;
import no.rusvarsel.infra.FreePorts;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import no.rusvarsel.contracts.topic.Topics;
import no.rusvarsel.contracts.detection.Severity;
import no.rusvarsel.contracts.detection.Rule;
import no.rusvarsel.contracts.detection.Detection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one-command run, end to end: the real devstack jar starts Kafka, PostgreSQL and the three service
 * jars as processes on free ports, seeds working credentials, restarts a killed service, and on SIGTERM
 * leaves no process behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DevStackIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Duration STARTUP = Duration.ofSeconds(150);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = ObjectMapper.getDefault();
    private Path state;
    private Process devstack;
    private Map<String, Integer> ports;
    private final List<Long> pidsSeen = new ArrayList<>();

    @BeforeAll
    void startTheStack() throws Exception {
        for (var module : List.of("ingest-service", "analytics-service", "alert-service", "devstack")) {
            assertThat(ROOT.resolve(module + "/target/" + module + "-" + Layout.VERSION + ".jar"))
                    .as("built by the reactor before this test").isRegularFile();
        }
        state = Files.createTempDirectory("devstack-it-");
        ports = Map.of("ingest", FreePorts.any(), "analytics", FreePorts.any(), "alerts", FreePorts.any(),
                "kafka", FreePorts.any(), "postgres", FreePorts.any());
        var command = List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx96m",
                "-jar", ROOT.resolve("devstack/target/devstack-" + Layout.VERSION + ".jar").toString(),
                "--fresh", "--data-dir", state.resolve("data").toString(),
                "--ingest-port", ports.get("ingest").toString(), "--analytics-port", ports.get("analytics").toString(),
                "--alerts-port", ports.get("alerts").toString(), "--kafka-port", ports.get("kafka").toString(),
                "--postgres-port", ports.get("postgres").toString());
        var builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(state.resolve("devstack.out").toFile());
        builder.environment().put("RUSVARSEL_STATE_DIR", state.resolve("state").toString());
        devstack = builder.start();

        var deadline = System.nanoTime() + STARTUP.toNanos();
        while (!Files.exists(state.resolve("state/credentials.json"))) {
            assertThat(devstack.isAlive()).as("devstack exited early:\n%s", output()).isTrue();
            assertThat(System.nanoTime()).as("stack not healthy in time:\n%s", output()).isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    @AfterAll
    void stopWhateverIsLeft() {
        if (devstack != null && devstack.isAlive()) {
            devstack.destroyForcibly();
        }
        pidsSeen.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        if (state != null) {
            try (var paths = Files.walk(state)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                System.err.println("could not delete " + state + ": " + e);
            }
        }
    }

    private String output() {
        try {
            return Files.readString(state.resolve("devstack.out"));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    private Map<String, Object> readJson(String file) throws IOException {
        return json.readValue(Files.readAllBytes(state.resolve("state").resolve(file)), Argument.mapOf(String.class, Object.class));
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> section(Map<String, Object> doc, String name) {
        return (Map<String, String>) doc.get(name);
    }

    private HttpResponse<String> get(int port, String path, String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private Map<String, Long> pids() throws IOException {
        var raw = json.readValue(Files.readAllBytes(state.resolve("state/pids.json")), Argument.mapOf(String.class, Long.class));
        pidsSeen.addAll(raw.values());
        return raw;
    }

    @Test
    @Order(1)
    void shouldWriteCredentialsWithTheChosenPortsAKeyPerSourceTypeAndATokenPerRole() throws Exception {
        var credentials = readJson("credentials.json");

        assertThat(section(credentials, "urls")).containsEntry("ingest", "http://127.0.0.1:" + ports.get("ingest"))
                .containsEntry("kafka", "127.0.0.1:" + ports.get("kafka"));
        assertThat(section(credentials, "providers")).containsOnlyKeys("wastewater", "drug-checking", "seizure", "patient-event", "syringe")
                .allSatisfy((type, key) -> assertThat(key).startsWith("rv_").hasSizeGreaterThan(40));
        assertThat(section(credentials, "tokens")).containsOnlyKeys("ANALYST", "OPERATOR", "ADMIN");
        assertThat(readJson("startup.json")).containsKeys("secondsToHealthy", "totalRssKb");
    }

    @Test
    @Order(2)
    void shouldAnswerHealthUpOnEveryServiceAndAcceptTheDevTokens() throws Exception {
        var tokens = section(readJson("credentials.json"), "tokens");
        for (var service : List.of("ingest", "analytics", "alerts")) {
            var health = get(ports.get(service), "/health", null);
            assertThat(health.statusCode()).as(service).isEqualTo(200);
            assertThat(health.body()).as(service).contains("\"status\":\"UP\"");
            assertThat(get(ports.get(service), "/prometheus", tokens.get("OPERATOR")).statusCode()).as(service).isEqualTo(200);
            assertThat(get(ports.get(service), "/prometheus", null).statusCode()).as(service).isEqualTo(401);
        }
    }

    @Test
    @Order(3)
    void shouldHaveSeededTheProviderKeysIntoIngestAsHashesOnly() throws Exception {
        var keys = section(readJson("credentials.json"), "providers");
        var url = "jdbc:postgresql://127.0.0.1:" + ports.get("postgres") + "/ingest";
        var stored = new ArrayList<String>();
        try (var c = DriverManager.getConnection(url, "postgres", "postgres");
             var rs = c.createStatement().executeQuery("SELECT key_hash FROM api_key")) {
            while (rs.next()) {
                stored.add(rs.getString(1));
            }
        }

        var sha = MessageDigest.getInstance("SHA-256");
        assertThat(stored).containsExactlyInAnyOrderElementsOf(keys.values().stream()
                .map(k -> HexFormat.of().formatHex(sha.digest(k.getBytes(StandardCharsets.UTF_8)))).toList());
        assertThat(stored).doesNotContainAnyElementsOf(keys.values());
    }

    @Test
    @Order(4)
    void shouldTurnANitazeneSamplePostedThroughIngestIntoACriticalDetectionAndAnAlert() throws Exception {
        // Given the dev drug-checking key, When a lab posts isotonitazene in a tablet sold as oxycodone
        var key = section(readJson("credentials.json"), "providers").get("drug-checking");
        var body = "{\"externalId\":\"E2E-1\",\"region\":\"0301\",\"observedAt\":\"2025-03-02\",\"form\":\"TABLET\","
                + "\"soldAs\":\"oxycodone\",\"method\":\"LC_MS\",\"confirmed\":true,"
                + "\"components\":[{\"substance\":\"isotonitazen\",\"amountMg\":0.4}]}";
        var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get("ingest") + "/api/v1/signals/drug-checking"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);

        // Then analytics publishes a CRITICAL watchlist detection for Oslo
        var found = new ArrayList<Detection>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                "bootstrap.servers", "127.0.0.1:" + ports.get("kafka"), "group.id", "devstack-it", "auto.offset.reset", "earliest",
                "isolation.level", "read_committed"),
                Topics.DETECTIONS.keySerde().deserializer(),
                Topics.DETECTIONS.valueSerde().deserializer())) {
            consumer.subscribe(List.of(Topics.DETECTIONS.name()));
            var deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (found.stream().noneMatch(d -> d.rule() == Rule.WATCHLIST_SUBSTANCE)
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(250)).forEach(r -> found.add(r.value()));
            }
        }
        assertThat(found).anySatisfy(d -> {
            assertThat(d.rule()).isEqualTo(Rule.WATCHLIST_SUBSTANCE);
            assertThat(d.substance()).isEqualTo("isotonitazene");
            assertThat(d.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(d.region()).isEqualTo("0301");
        });

        // And alert-service opens one CRITICAL alert for Oslo that an analyst can read
        var analyst = section(readJson("credentials.json"), "tokens").get("ANALYST");
        var deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpResponse<String> alerts;
        do {
            Thread.sleep(250);
            alerts = get(ports.get("alerts"), "/api/v1/alerts?region=03&minSeverity=CRITICAL", analyst);
        } while (!alerts.body().contains("isotonitazene") && System.nanoTime() < deadline);
        assertThat(alerts.statusCode()).isEqualTo(200);
        assertThat(alerts.body()).contains("\"substance\":\"isotonitazene\"").contains("\"status\":\"OPEN\"");
    }

    @Test
    @Order(5)
    void shouldReplayTheDemoThroughTheLoadGeneratorOnceAndAsDuplicatesOnARerunAndAlertOnItsCriticalEvents() throws Exception {
        // Given the demo scenario of today and the dev providers' keys from credentials.json
        var scenario = DemoScenario.forToday();
        var truth = new LoadGenerator(scenario).groundTruth();
        var count = new LoadGenerator(scenario).stream().count();
        var keys = ProviderKeys.read(state.resolve("state/credentials.json"));
        var ingest = "http://127.0.0.1:" + ports.get("ingest");
        var log = new java.io.ByteArrayOutputStream();

        // When --demo's runner sends it, and then again
        var first = new DemoRunner(http, ingest, keys, new java.io.PrintStream(log, true)).run(scenario);
        var second = new DemoRunner(http, ingest, keys, new java.io.PrintStream(log, true)).run(scenario);

        // Then every record was accepted once, and the rerun was all duplicates
        assertThat(first.accepted()).as(log.toString()).isEqualTo(count);
        assertThat(first.requestsByStatus()).as(log.toString()).containsOnlyKeys(202);
        assertThat(second.duplicates()).as(log.toString()).isEqualTo(count);
        assertThat(second.accepted() + second.corrected()).isZero();
        assertThat(log.toString()).contains("[devstack] demo: done.");

        // And every CRITICAL injected event has its CRITICAL alert in its county
        var analyst = section(readJson("credentials.json"), "tokens").get("ANALYST");
        for (var event : truth.events().stream().filter(e -> e.severity() == Severity.CRITICAL).toList()) {
            var path = "/api/v1/alerts?region=" + event.county() + "&minSeverity=CRITICAL";
            var deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            HttpResponse<String> alerts;
            do {
                alerts = get(ports.get("alerts"), path, analyst);
                if (alerts.body().contains("\"substance\":\"" + event.substance() + "\"")) {
                    break;
                }
                Thread.sleep(500);
            } while (System.nanoTime() < deadline);
            assertThat(alerts.body()).as("%s of %s in %s", event.kind(), event.substance(), event.county())
                    .contains("\"substance\":\"" + event.substance() + "\"").contains("\"severity\":\"CRITICAL\"");
        }
    }

    @Test
    @Order(6)
    void shouldRestartAServiceThatWasKilled() throws Exception {
        long before = pids().get("ingest-service");
        ProcessHandle.of(before).orElseThrow().destroyForcibly();

        var deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        long after = before;
        boolean healthy = false;
        while (System.nanoTime() < deadline && !(after != before && healthy)) {
            Thread.sleep(500);
            after = pids().getOrDefault("ingest-service", before);
            try {
                healthy = get(ports.get("ingest"), "/health", null).statusCode() == 200;
            } catch (IOException notYet) {
                healthy = false;
            }
        }

        assertThat(after).as("a new ingest-service process").isNotEqualTo(before);
        assertThat(healthy).as("the new ingest-service is healthy:\n%s", output()).isTrue();
    }

    @Test
    @Order(7)
    void shouldStopEveryProcessOfTheStackOnSigterm() throws Exception {
        var stack = pids();
        assertThat(stack).containsKeys("infra", "postgres", "ingest-service", "analytics-service", "alert-service");

        devstack.destroy(); // SIGTERM
        boolean exited = devstack.waitFor(90, TimeUnit.SECONDS);

        assertThat(exited).as("devstack stopped:\n%s", output()).isTrue();
        assertThat(output()).contains("stopped");
        assertThat(stack).allSatisfy((name, pid) ->
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as(name + " still running").isFalse());
    }
}
