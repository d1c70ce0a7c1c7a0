package no.rusvarsel.devstack.dashboard;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import no.rusvarsel.infra.FreePorts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The real devstack jar on free ports, as {@code DevStackIT} starts it, with extra environment for the services
 * (inherited by the service processes); gives the URLs, provider keys and role tokens it wrote.
 */
final class StackUnderTest implements AutoCloseable {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String VERSION = "0.1.0-SNAPSHOT";
    private static final Duration STARTUP = Duration.ofSeconds(180);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Path state;
    private final Process process;
    final Map<String, Integer> ports;
    private Map<String, Object> credentials;

    StackUnderTest(Map<String, String> serviceEnvironment) throws IOException, InterruptedException {
        state = Files.createTempDirectory("dashboard-it-");
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
                throw new IllegalStateException("devstack did not become healthy:\n" + output());
            }
            Thread.sleep(250);
        }
        credentials = ObjectMapper.getDefault().readValue(Files.readAllBytes(state.resolve("state/credentials.json")),
                Argument.mapOf(String.class, Object.class));
    }

    String alertsUrl() {
        return "http://127.0.0.1:" + ports.get("alerts");
    }

    @SuppressWarnings("unchecked")
    String token(String role) {
        return ((Map<String, String>) credentials.get("tokens")).get(role);
    }

    @SuppressWarnings("unchecked")
    String providerKey(String sourceType) {
        return ((Map<String, String>) credentials.get("providers")).get(sourceType);
    }

    HttpResponse<String> post(String service, String path, String bearer, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get(service) + path))
                .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String service, String path, String bearer) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get(service) + path))
                .header("Authorization", "Bearer " + bearer).build(), HttpResponse.BodyHandlers.ofString());
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
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        try (var paths = Files.walk(state)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + state + ": " + e);
        }
    }
}
