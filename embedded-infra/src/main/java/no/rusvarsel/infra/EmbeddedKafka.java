package no.rusvarsel.infra;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Kafka broker in KRaft combined mode (broker and controller in one node),
 * running in this JVM on loopback. Storage is formatted on first start and reused afterwards.
 */
public final class EmbeddedKafka implements KafkaServer {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Path dataDir;
    private final boolean deleteOnClose;

    private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers, Path dataDir, boolean deleteOnClose) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.dataDir = dataDir;
        this.deleteOnClose = deleteOnClose;
    }

    /**
     * @param port    client port, or 0 for any free port
     * @param dataDir where the log lives; null for a temporary folder deleted on close
     */
    public static EmbeddedKafka start(int port, Path dataDir) {
        QuietLogs.apply();
        boolean temporary = dataDir == null;
        try {
            var dir = temporary ? Files.createTempDirectory("rusvarsel-kafka-") : Files.createDirectories(dataDir);
            int clientPort = port == 0 ? FreePorts.any() : port;
            int controllerPort = FreePorts.any();
            var props = config(dir, clientPort, controllerPort);
            format(dir);
            var server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
            var bootstrap = "127.0.0.1:" + clientPort;
            try {
                server.startup();
                awaitReady(bootstrap);
            } catch (RuntimeException e) {
                server.shutdown(); // release its ports and threads, so that a second try can bind them
                server.awaitShutdown();
                throw e;
            }
            LOG.info("Kafka broker ready on {} (data in {})", bootstrap, dir);
            return new EmbeddedKafka(server, bootstrap, dir, temporary);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Properties config(Path dir, int clientPort, int controllerPort) {
        var props = new Properties();
        props.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
                Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("log.dirs", dir.toString()),
                Map.entry("num.partitions", "1"),
                // one node: internal topics cannot be replicated; EOS needs min ISR 1 on the transaction log
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "6"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("transaction.state.log.num.partitions", "6"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                // the compacted topics are small: 16 MB of cleaner buffer, not 128 MB of the infra process's heap
                Map.entry("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024)),
                // bounded for a laptop; topic-level retention in the registry still applies when shorter
                Map.entry("log.retention.bytes", Long.toString(2L * 1024 * 1024 * 1024)),
                Map.entry("log.segment.bytes", Integer.toString(64 * 1024 * 1024)),
                Map.entry("auto.create.topics.enable", "true"),
                Map.entry("delete.topic.enable", "true")));
        return props;
    }

    private static void format(Path dir) {
        if (Files.exists(dir.resolve("meta.properties"))) {
            return; // formatted before: keep its cluster id and data
        }
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(1)
                    .setClusterId(Uuid.randomUuid().toString())
                    .addDirectory(dir.toString())
                    .setMetadataLogDirectory(dir.toString())
                    .setControllerListenerName("CONTROLLER")
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka storage in " + dir, e);
        }
    }

    private static void awaitReady(String bootstrap) {
        var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000))) {
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Kafka broker did not come up on " + bootstrap, e);
                    }
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        if (deleteOnClose) {
            deleteRecursively(dataDir);
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not delete {}", dir, e);
        }
    }
}
