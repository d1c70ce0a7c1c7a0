package no.rusvarsel.devstack.faults;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import no.rusvarsel.bench.loadgen.ProviderKeys;
import no.rusvarsel.devstack.StackProcess;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The real devstack jar (infra process with Kafka and PostgreSQL, three service processes, restart on exit) on free
 * ports, with extra environment for the services, and the controls the fault tests need: the pids the devstack
 * writes, {@code kill -9} of a service, stopping and starting PostgreSQL and the Kafka broker (through the infra
 * process's control endpoint, {@code RUSVARSEL_INFRA_CONTROL}), freezing the infra process, reading a topic.
 */
final class FaultStack extends StackProcess {

    static final List<String> SERVICES = List.of("ingest-service", "analytics-service", "alert-service");
    private static final Map<String, String> PORT_NAMES = Map.of("ingest-service", "ingest", "analytics-service", "analytics",
            "alert-service", "alerts");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final Path state;
    private final Map<String, Object> infra;

    FaultStack(Map<String, String> serviceEnvironment) throws IOException, InterruptedException {
        super("faults-it", withInfraControl(serviceEnvironment), Duration.ofSeconds(240));
        state = state();
        infra = readJson(state.resolve("data/infra.json"));
    }

    /** The base URL of a service by its name ({@code ingest-service} …) or of a port by its short name. */
    @Override
    public String url(String service) {
        return super.url(PORT_NAMES.getOrDefault(service, service));
    }

    String kafkaBootstrap() {
        return String.valueOf(infra.get("kafka"));
    }

    ProviderKeys senderKeys() {
        return new ProviderKeys(providerKeys());
    }

    String logTail(String service, int lines) {
        try {
            var all = Files.readAllLines(state.resolve("state/logs/" + service + ".log"));
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    // ------------------------------------------------------------------ processes

    /** {@code pids.json} as the devstack last wrote it. */
    Map<String, Long> pids() {
        try {
            return ObjectMapper.getDefault().readValue(Files.readAllBytes(state.resolve("state/pids.json")),
                    Argument.mapOf(String.class, Long.class));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read pids.json: " + e, e);
        }
    }

    long pid(String name) {
        Long pid = pids().get(name);
        if (pid == null) {
            throw new IllegalStateException(name + " is not in pids.json: " + pids());
        }
        return pid;
    }

    /** {@code kill -<signal> pid}; fails the test if kill fails. */
    static void signal(String signal, long pid) throws IOException, InterruptedException {
        var p = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + pid + " failed: " + new String(p.getInputStream().readAllBytes()));
        }
    }

    /** SIGKILL of the service's JVM; returns its pid. */
    long kill9(String service) throws IOException, InterruptedException {
        long pid = pid(service);
        signal("KILL", pid);
        var handle = ProcessHandle.of(pid);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (handle.map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return pid;
    }

    /**
     * Waits until the devstack has restarted {@code service} (a new pid in pids.json, alive) and it answers
     * {@code /health/readiness} 200; returns the new pid.
     */
    long awaitRestarted(String service, long oldPid, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Long pid = pidsOrEmpty().get(service);
            if (pid != null && pid != oldPid && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
                    && readiness(service) == 200) {
                return pid;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(service + " was not restarted and ready within " + timeout.toSeconds() + " s; devstack said:\n"
                + output() + "\n--- " + service + " log:\n" + logTail(service, 60));
    }

    private Map<String, Long> pidsOrEmpty() {
        try {
            return pids();
        } catch (RuntimeException e) {
            return Map.of(); // being rewritten
        }
    }

    /** Status of {@code GET /health/readiness}, 0 when no answer. */
    int readiness(String service) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url(service) + "/health/readiness")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** Polls until readiness of {@code service} is {@code status} (200, or anything else for "not ready"). */
    boolean awaitReadiness(String service, boolean ready, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            int s = readiness(service);
            if (ready ? s == 200 : s != 200) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    // ------------------------------------------------------------------ PostgreSQL

    private Path pgData() {
        return state.resolve("data/postgres");
    }

    /** PostgreSQL really stops (a fast shutdown of the server: sessions end, new connections are refused). */
    void stopPostgres() throws IOException, InterruptedException {
        control("/postgres/stop");
    }

    /** PostgreSQL starts again on the same port with the same data. */
    void startPostgres() throws IOException, InterruptedException {
        control("/postgres/start");
    }

    /** The Kafka broker really stops (a controlled shutdown; connections are then refused). */
    void stopKafka() throws IOException, InterruptedException {
        control("/kafka/stop");
    }

    /** The Kafka broker starts again on the same port with the same log. */
    void startKafka() throws IOException, InterruptedException {
        control("/kafka/start");
    }

    private void control(String action) throws IOException, InterruptedException {
        var port = ((Number) infra.get("controlPort")).intValue();
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + action))
                    .timeout(Duration.ofSeconds(180)).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IOException("infra control " + action + " failed: " + e + "\n--- infra log:\n" + logTail("infra", 80), e);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("infra control " + action + " answered " + response.statusCode() + ": " + response.body()
                    + "\n--- infra log:\n" + logTail("infra", 80));
        }
    }

    private static Map<String, String> withInfraControl(Map<String, String> environment) {
        var env = new LinkedHashMap<>(environment);
        env.put("RUSVARSEL_INFRA_CONTROL", "true");
        return env;
    }

    // ------------------------------------------------------------------ Kafka

    /** The infra JVM (which runs the broker in-process; PostgreSQL runs in its own processes): for a freeze. */
    long infraPid() {
        return pid("infra");
    }

    // ------------------------------------------------------------------ reading

    /** Every committed record of a topic from the beginning (read_committed), as JSON maps. */
    List<Map<String, Object>> readTopic(String topic, Duration timeout) {
        var props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        var out = new ArrayList<Map<String, Object>>();
        var mapper = ObjectMapper.getDefault();
        try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            var partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, timeout));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within " + timeout.toSeconds() + " s");
                }
                for (var r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.value() == null) {
                        continue;
                    }
                    try {
                        out.add(mapper.readValue(r.value(), Argument.mapOf(String.class, Object.class)));
                    } catch (IOException e) {
                        throw new IllegalStateException("unreadable record in " + topic + " at " + r.partition() + "/" + r.offset(), e);
                    }
                }
            }
        }
        return out;
    }

    /** Ingest's {@code rusvarsel_ingest_pending_versions_total} samples (versions left pending, settled or undone). */
    String ingestPendingVersions() throws IOException, InterruptedException {
        var response = http.send(HttpRequest.newBuilder(URI.create(url("ingest-service") + "/prometheus"))
                .header("Authorization", "Bearer " + token("OPERATOR")).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        var samples = response.body().lines().filter(l -> l.startsWith("rusvarsel_ingest_pending_versions_total")).toList();
        return samples.isEmpty() ? "none (HTTP " + response.statusCode() + ")" : String.join("; ", samples);
    }

    /** Every alert, all pages ({@code GET /api/v1/alerts} as ANALYST). */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> alerts() throws IOException, InterruptedException {
        var all = new ArrayList<Map<String, Object>>();
        for (int page = 0; page < 100; page++) {
            var response = http.send(HttpRequest.newBuilder(URI.create(url("alert-service") + "/api/v1/alerts?size=100&page=" + page))
                    .header("Authorization", "Bearer " + token("ANALYST")).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IOException("GET /api/v1/alerts answered " + response.statusCode() + ": " + new String(response.body()));
            }
            var doc = ObjectMapper.getDefault().readValue(response.body(), Argument.mapOf(String.class, Object.class));
            var items = (List<Map<String, Object>>) doc.get("items");
            all.addAll(items);
            if (items.isEmpty() || all.size() >= ((Number) doc.get("total")).longValue()) {
                break;
            }
        }
        return all;
    }

    /** A webhook subscription (empty filter: every alert but PROVIDER_SILENT) to {@code target}; returns the 201 body. */
    Map<String, Object> subscribeWebhook(String target) throws IOException, InterruptedException {
        var body = "{\"name\":\"faults\",\"channel\":\"WEBHOOK\",\"target\":\"" + target + "\",\"filter\":{}}";
        var response = http.send(HttpRequest.newBuilder(URI.create(url("alert-service") + "/api/v1/subscriptions"))
                .header("Authorization", "Bearer " + token("ANALYST")).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST /api/v1/subscriptions answered " + response.statusCode() + ": " + response.body());
        }
        return ObjectMapper.getDefault().readValue(response.body(), Argument.mapOf(String.class, Object.class));
    }

    /** {@code -Dfaults.keepState=true} (or devstack.keepState) keeps the stack's logs and data. */
    @Override
    protected boolean keepState() {
        return super.keepState() || Boolean.getBoolean("faults.keepState");
    }

    static Map<String, String> env(String... kv) {
        var m = new LinkedHashMap<String, String>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
