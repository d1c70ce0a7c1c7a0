package no.rusvarsel.infra;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.kafka.KafkaContainer;

/** Kafka and PostgreSQL in Docker containers, for machines where a Docker engine answers. */
final class Containers {

    private Containers() {
    }

    static boolean dockerAvailable() {
        if (System.getenv("DOCKER_HOST") == null && !java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"))) {
            return false; // no engine to ask: skip Testcontainers' noisy probing
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    static KafkaServer kafka() {
        var container = new KafkaContainer("apache/kafka:3.9.1");
        container.start();
        return new KafkaServer() {
            @Override
            public String bootstrapServers() {
                return container.getBootstrapServers();
            }

            @Override
            public void close() {
                container.stop();
            }
        };
    }

    static PostgresServer postgres() {
        var container = new PostgreSQLContainer<>("postgres:16-alpine");
        container.start();
        return new PostgresServer() {
            @Override
            public String jdbcUrl(String database) {
                var admin = "jdbc:postgresql://" + container.getHost() + ":" + port() + "/postgres";
                Databases.ensure(admin, username(), password(), database);
                return "jdbc:postgresql://" + container.getHost() + ":" + port() + "/" + database;
            }

            @Override
            public String username() {
                return container.getUsername();
            }

            @Override
            public String password() {
                return container.getPassword();
            }

            @Override
            public int port() {
                return container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT);
            }

            @Override
            public void close() {
                container.stop();
            }
        };
    }
}
