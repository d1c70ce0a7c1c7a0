package no.rusvarsel.devstack;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import no.rusvarsel.infra.FreePorts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real devstack jar started by a test, as a user starts it, with fresh data on free ports and extra environment for
 * the service processes; gives the ports, the credentials it wrote (role tokens, dev provider keys), the shared JWT
 * secret and its output, and stops it (and deletes its folder) on close. Suites extend it with their own controls.
 */
public abstract class StackProcess implements AutoCloseable {

    protected static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String VERSION = "0.1.0-SNAPSHOT";

    private final Path state;
    private final Process process;
    /** Ports by name: {@code ingest}, {@code analytics}, {@code alerts}, {@code kafka}, {@code postgres}. */
    public final Map<String, Integer> ports;
    private final Map<String, Object> credentials;

    protected StackProcess(String name, Map<String, String> serviceEnvironment, Duration startup)
            throws IOException, InterruptedException {
        for (var module : List.of("ingest-service", "analytics-service", "alert-service", "devstack")) {
            if (!Files.isRegularFile(ROOT.resolve(module + "/target/" + module + "-" + VERSION + ".jar"))) {
                throw new IllegalStateException(module + " jar not built: run the whole reactor (mvn verify)");
            }
        }
        state = Files.createTempDirectory(name + "-");
        ports = Map.of("ingest", FreePorts.any(), "analytics", FreePorts.any(), "alerts", FreePorts.any(),
                "kafka", FreePorts.any(), "postgres", FreePorts.any());
        var command = List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx96m",
                "-jar", ROOT.resolve("devstack/target/devstack-" + VERSION + ".jar").toString(),
                "--fresh", "--data-dir", state.resolve("data").toString(),
                "--ingest-port", ports.get("ingest").toString(), "--analytics-port", ports.get("analytics").toString(),
                "--alerts-port", ports.get("alerts").toString(), "--kafka-port", ports.get("kafka").toString(),
                "--postgres-port", ports.get("postgres").toString());
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(state.resolve("devstack.out").toFile());
        builder.environment().put("RUSVARSEL_STATE_DIR", state.resolve("state").toString());
        builder.environment().putAll(serviceEnvironment);
        process = builder.start();
        var deadline = System.nanoTime() + startup.toNanos();
        while (!Files.exists(state.resolve("state/credentials.json"))) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                var out = output();
                close();
                throw new IllegalStateException("devstack did not become healthy:\n" + out);
            }
            Thread.sleep(250);
        }
        credentials = readJson(state.resolve("state/credentials.json"));
    }

    /** The stack's folder: {@code data/} (servers, secrets, infra.json) and {@code state/} (credentials, pids, logs). */
    public Path state() {
        return state;
    }

    public String url(String port) {
        return "http://127.0.0.1:" + ports.get(port);
    }

    @SuppressWarnings("unchecked")
    public String token(String role) {
        return ((Map<String, String>) credentials.get("tokens")).get(role);
    }

    /** The dev provider keys by source type path ({@code drug-checking} …). */
    @SuppressWarnings("unchecked")
    public Map<String, String> providerKeys() {
        return (Map<String, String>) credentials.get("providers");
    }

    /** The HS256 secret the stack signs and verifies people's tokens with. */
    public String jwtSecret() {
        return (String) readJson(state.resolve("data/secrets.json")).get("jwtSecret");
    }

    public String output() {
        try {
            return Files.readString(state.resolve("devstack.out"));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    protected static Map<String, Object> readJson(Path file) {
        try {
            return ObjectMapper.getDefault().readValue(Files.readAllBytes(file), Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    /** {@code -Ddevstack.keepState=true} keeps the stack's folder (logs, data) after the test. */
    protected boolean keepState() {
        return Boolean.getBoolean("devstack.keepState");
    }

    /** Stops the stack (it stops its processes) and deletes its folder unless told to keep it. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        if (keepState()) {
            System.err.println("stack state kept in " + state);
            return;
        }
        try (var paths = Files.walk(state)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + state + ": " + e);
        }
    }
}
