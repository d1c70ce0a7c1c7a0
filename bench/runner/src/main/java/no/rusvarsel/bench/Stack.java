package no.rusvarsel.bench;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A fresh dev stack: the real devstack jar (as {@code ./devstack/run.sh} runs it) on free ports with its own data and
 * state folders, so a stack the developer runs is not disturbed. Its own startup report ({@code startup.json}) and
 * credentials are read once it is healthy. {@link #close} sends SIGTERM (the devstack stops everything in order),
 * then kills whatever of the process tree is left.
 */
final class Stack implements AutoCloseable {

    static final String VERSION = "0.1.0-SNAPSHOT";

    /**
     * Settings the benchmark gives its stack (through the devstack's environment, which its service processes inherit):
     * the bare intake endpoint of the single-record POST figure; the local webhook receiver of the latency figure
     * (loopback targets are refused unless allow-listed); and a per-provider rate limit far above anything the
     * benchmark sends (default 600 requests a minute, burst 100: the single-record and 1 000 signals/s phases would
     * measure 429s, not the service).
     */
    static final Map<String, String> SETTINGS = new java.util.TreeMap<>(Map.of(
            "RUSVARSEL_BENCH_ENABLED", "true",
            "RUSVARSEL_WEBHOOK_ALLOW_LIST", "127.0.0.1",
            "RUSVARSEL_INGEST_RATE_LIMIT_REQUESTS_PER_MINUTE", "60000000",
            "RUSVARSEL_INGEST_RATE_LIMIT_BURST", "1000000"));

    private final Path dir;
    private final Process process;
    private final Map<String, Object> startup;
    private final Map<String, Object> credentials;
    private final List<ProcessHandle> tree = new ArrayList<>();

    private Stack(Path dir, Process process, Map<String, Object> startup, Map<String, Object> credentials) {
        this.dir = dir;
        this.process = process;
        this.startup = startup;
        this.credentials = credentials;
    }

    /** A fresh dev stack on free ports; {@code fullJit}: its JVMs compile with C2 as in production (devstack --full-jit). */
    static Stack start(Path root, Duration timeout, boolean fullJit) throws IOException, InterruptedException {
        Path jar = root.resolve("devstack/target/devstack-" + VERSION + ".jar");
        for (var module : List.of("embedded-infra", "ingest-service", "analytics-service", "alert-service")) {
            if (!Files.isRegularFile(root.resolve(module + "/target/" + module + "-" + VERSION + ".jar"))) {
                throw new IllegalStateException(module + " is not built under " + root + " (mvn -B -DskipTests package first)");
            }
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("devstack is not built: " + jar);
        }
        Path dir = Files.createTempDirectory("rusvarsel-bench-stack-");
        var command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx96m", "-XX:+UseSerialGC",
                "-jar", jar.toString(), "--fresh", "--no-restart", "--data-dir", dir.resolve("data").toString(),
                "--ingest-port", port(), "--analytics-port", port(), "--alerts-port", port(), "--kafka-port", port(),
                "--postgres-port", port()));
        if (fullJit) {
            command.add("--full-jit");
        }
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("devstack.out").toFile());
        builder.environment().put("RUSVARSEL_STATE_DIR", dir.resolve("state").toString());
        builder.environment().put("RUSVARSEL_ROOT", root.toString());
        builder.environment().putAll(SETTINGS);
        Process process = builder.start();
        Stack stack = null;
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            Path credentials = dir.resolve("state/credentials.json");
            while (!Files.exists(credentials)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the devstack exited (code " + process.exitValue() + "):\n" + tail(dir));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the devstack was not healthy within " + timeout.toSeconds() + " s:\n" + tail(dir));
                }
                Thread.sleep(200);
            }
            // the devstack writes startup.json before credentials.json, each atomically (temp file + move)
            stack = new Stack(dir, process, readJson(dir.resolve("state/startup.json")), readJson(credentials));
            return stack;
        } finally {
            if (stack == null) {
                stop(process, new ArrayList<>(), dir);
            }
        }
    }

    Map<String, Object> startup() {
        return startup;
    }

    double secondsToHealthy() {
        return ((Number) startup.get("secondsToHealthy")).doubleValue();
    }

    long totalRssKb() {
        return ((Number) startup.get("totalRssKb")).longValue();
    }

    Path credentialsFile() {
        return dir.resolve("state/credentials.json");
    }

    /** The pids the devstack wrote ({@code devstack}, {@code infra}, {@code postgres}, each service by its name). */
    Map<String, Long> pids() {
        try {
            var pids = new java.util.LinkedHashMap<String, Long>();
            readJson(dir.resolve("state/pids.json")).forEach((k, v) -> pids.put(k, ((Number) v).longValue()));
            return pids;
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
    }

    @SuppressWarnings("unchecked")
    String url(String name) {
        return ((Map<String, String>) credentials.get("urls")).get(name);
    }

    @SuppressWarnings("unchecked")
    String token(String role) {
        return ((Map<String, String>) credentials.get("tokens")).get(role);
    }

    /** The Kafka bootstrap servers (the credentials name it {@code kafka}, maybe with a scheme). */
    String kafka() {
        return url("kafka").replaceFirst("^[a-zA-Z]+://", "");
    }

    @Override
    public void close() {
        process.descendants().forEach(tree::add);
        stop(process, tree, dir);
    }

    private static void stop(Process process, List<ProcessHandle> tree, Path dir) {
        process.descendants().forEach(tree::add);
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        for (var p : tree) {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("[bench] could not delete " + dir + ": " + e);
        }
    }

    private static String tail(Path dir) {
        try {
            var lines = Files.readAllLines(dir.resolve("devstack.out"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    static Map<String, Object> readJson(Path file) throws IOException {
        return ObjectMapper.getDefault().readValue(Files.readAllBytes(file), Argument.mapOf(String.class, Object.class));
    }

    private static String port() throws IOException {
        try (var socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return Integer.toString(socket.getLocalPort());
        }
    }
}
