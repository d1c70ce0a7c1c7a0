package no.rusvarsel.devstack.authz;

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
 * The real devstack jar on free ports, started as {@code DevStackIT} starts it, with extra environment for the
 * service processes; gives the ports, the dev provider keys, the role tokens and the shared JWT secret.
 */
final class AuthzStack implements AutoCloseable {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String VERSION = "0.1.0-SNAPSHOT";
    private static final Duration STARTUP = Duration.ofSeconds(240);

    private final Path state;
    private final Process process;
    final Map<String, Integer> ports;
    private final Map<String, Object> credentials;
    final String jwtSecret;

    AuthzStack(Map<String, String> serviceEnvironment) throws IOException, InterruptedException {
        for (var module : List.of("ingest-service", "analytics-service", "alert-service", "devstack")) {
            if (!Files.isRegularFile(ROOT.resolve(module + "/target/" + module + "-" + VERSION + ".jar"))) {
                throw new IllegalStateException(module + " jar not built: run the whole reactor (mvn verify)");
            }
        }
        state = Files.createTempDirectory("authz-it-");
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
        var deadline = System.nanoTime() + STARTUP.toNanos();
        while (!Files.exists(state.resolve("state/credentials.json"))) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                close();
                throw new IllegalStateException("devstack did not become healthy:\n" + output());
            }
            Thread.sleep(250);
        }
        var json = ObjectMapper.getDefault();
        credentials = json.readValue(Files.readAllBytes(state.resolve("state/credentials.json")), Argument.mapOf(String.class, Object.class));
        var secrets = json.readValue(Files.readAllBytes(state.resolve("data/secrets.json")), Argument.mapOf(String.class, Object.class));
        jwtSecret = (String) secrets.get("jwtSecret");
    }

    String url(String service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    @SuppressWarnings("unchecked")
    String token(String role) {
        return ((Map<String, String>) credentials.get("tokens")).get(role);
    }

    String output() {
        try {
            return Files.readString(state.resolve("devstack.out"));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        try (var paths = Files.walk(state)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + state + ": " + e);
        }
    }
}
