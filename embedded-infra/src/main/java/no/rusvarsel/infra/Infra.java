package no.rusvarsel.infra;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Kafka and PostgreSQL together: in Docker containers when a Docker engine answers, else embedded in
 * this JVM. {@code RUSVARSEL_TEST_INFRA=embedded|containers|auto} (default auto) forces the choice.
 */
public final class Infra implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Infra.class);

    private volatile KafkaServer kafka;
    private volatile PostgresServer postgres;
    /** Where the embedded servers keep their data, so that they can be stopped and started again; null otherwise. */
    private final Path dataDir;

    private Infra(KafkaServer kafka, PostgresServer postgres) {
        this(kafka, postgres, null);
    }

    private Infra(KafkaServer kafka, PostgresServer postgres, Path dataDir) {
        this.kafka = kafka;
        this.postgres = postgres;
        this.dataDir = dataDir;
    }

    /** Both servers on any free ports with temporary data, as tests want them. */
    public static Infra startForTests() {
        var mode = System.getenv().getOrDefault("RUSVARSEL_TEST_INFRA", "auto").toLowerCase(Locale.ROOT);
        boolean containers = switch (mode) {
            case "containers" -> true;
            case "embedded" -> false;
            default -> Containers.dockerAvailable();
        };
        long start = System.nanoTime();
        var infra = containers ? new Infra(Containers.kafka(), Containers.postgres())
                : new Infra(EmbeddedKafka.start(0, null), EmbeddedPostgresServer.start(0, null));
        LOG.info("{} Kafka {} and PostgreSQL :{} ready in {} ms", containers ? "containerised" : "embedded",
                infra.kafka.bootstrapServers(), infra.postgres.port(), (System.nanoTime() - start) / 1_000_000);
        return infra;
    }

    /** Both servers embedded on the given ports (0 = any free), with data kept under {@code dataDir}. */
    public static Infra startEmbedded(int kafkaPort, int postgresPort, Path dataDir) {
        var kafka = EmbeddedKafka.start(kafkaPort, dataDir.resolve("kafka"));
        try {
            return new Infra(kafka, EmbeddedPostgresServer.start(postgresPort, dataDir.resolve("postgres")), dataDir);
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    public KafkaServer kafka() {
        return kafka;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    /** Stops the embedded PostgreSQL server (a fast shutdown: sessions are ended); its data stays. */
    public synchronized void stopPostgres() {
        requireRestartable();
        postgres.close();
    }

    /** Starts the embedded PostgreSQL server again on the same port with the same data. */
    public synchronized void startPostgres() {
        requireRestartable();
        postgres = EmbeddedPostgresServer.start(postgres.port(), dataDir.resolve("postgres"));
    }

    /** Stops the embedded Kafka broker (a controlled shutdown); its log stays. */
    public synchronized void stopKafka() {
        requireRestartable();
        var stopped = kafka;
        stopped.close();
        // keep only the address: the stopped broker's memory (log cleaner buffers…) must be free for the next start
        kafka = new StoppedKafka(stopped.bootstrapServers());
    }

    /** Where a stopped broker was. */
    private record StoppedKafka(String bootstrapServers) implements KafkaServer {
        @Override
        public void close() {
        }
    }

    /** Starts the embedded Kafka broker again on the same client port with the same log. */
    public synchronized void startKafka() {
        requireRestartable();
        var bootstrap = kafka.bootstrapServers();
        int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
        for (int attempt = 1; ; attempt++) {
            try {
                kafka = EmbeddedKafka.start(port, dataDir.resolve("kafka"));
                return;
            } catch (RuntimeException e) {
                if (attempt == 3) {
                    throw e;
                }
                LOG.warn("Kafka broker did not start again (attempt {}), trying again: {}", attempt, e.toString());
            }
        }
    }

    private void requireRestartable() {
        if (dataDir == null) {
            throw new IllegalStateException("only servers started by startEmbedded with a data folder can be restarted");
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } finally {
            kafka.close();
        }
    }
}
