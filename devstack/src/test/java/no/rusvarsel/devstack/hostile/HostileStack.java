package no.rusvarsel.devstack.hostile;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import no.rusvarsel.infra.FreePorts;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** The real devstack jar on free ports (as {@code DevStackIT} starts it), with extra service environment. */
final class HostileStack implements AutoCloseable {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String VERSION = "0.1.0-SNAPSHOT";
    private static final Duration STARTUP = Duration.ofSeconds(180);

    private final Path state;
    private final Process process;
    final Map<String, Integer> ports;
    private final Map<String, Object> credentials;

    HostileStack(Map<String, String> serviceEnvironment) throws IOException, InterruptedException {
        state = Files.createTempDirectory("hostile-it-");
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

    /** The bearer credential for a role (ANALYST, OPERATOR, ADMIN) or a source type (that provider's API key). */
    @SuppressWarnings("unchecked")
    String bearer(String who) {
        var tokens = (Map<String, String>) credentials.get("tokens");
        if (tokens.containsKey(who)) {
            return tokens.get(who);
        }
        return ((Map<String, String>) credentials.get("providers")).get(who);
    }

    /** Rows per table, for the given database ({@code ingest} or {@code alerts}). */
    Map<String, Long> rowCounts(String database, List<String> tables) throws SQLException {
        var counts = new TreeMap<String, Long>();
        try (var c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + ports.get("postgres") + "/" + database,
                "postgres", "postgres")) {
            for (var table : tables) {
                try (var rs = c.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    counts.put(database + "." + table, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    /** The end offset of every partition of the topics (including transaction markers). */
    Map<String, Long> endOffsets(List<String> topics) {
        var result = new TreeMap<String, Long>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", "127.0.0.1:" + ports.get("kafka"),
                "allow.auto.create.topics", "false"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            for (var topic : topics) {
                var infos = consumer.partitionsFor(topic, Duration.ofSeconds(20));
                var partitions = infos == null ? List.<TopicPartition>of()
                        : infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                consumer.endOffsets(partitions, Duration.ofSeconds(20)).forEach((tp, offset) -> result.put(tp.toString(), offset));
            }
        }
        return result;
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
