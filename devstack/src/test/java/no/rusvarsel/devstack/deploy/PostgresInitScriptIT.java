package no.rusvarsel.devstack.deploy;

import no.rusvarsel.infra.EmbeddedPostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * docker-compose's PostgreSQL init script, run the way the postgres image runs it (psql, environment), against a real
 * server: each service gets its own database, owned by its own role, which the other service's role cannot enter.
 */
class PostgresInitScriptIT {

    private static final Path SCRIPT = DeploymentFiles.ROOT.resolve("ops/postgres/init-databases.sh");
    private static EmbeddedPostgresServer postgres;

    @BeforeAll
    static void startPostgresAndRunTheScript() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/psql")),
                "psql is not installed (apt install postgresql-client; .ci/run does): init script not checked");
        postgres = EmbeddedPostgresServer.start(0, null);

        var run = new ProcessBuilder("sh", SCRIPT.toString()).redirectErrorStream(true);
        run.environment().putAll(java.util.Map.of(
                "POSTGRES_USER", postgres.username(), "PGPASSWORD", postgres.password(),
                "PGHOST", "127.0.0.1", "PGPORT", String.valueOf(postgres.port()),
                "INGEST_DB_PASSWORD", "ingest-secret", "ALERTS_DB_PASSWORD", "alerts-secret"));
        var process = run.start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    @AfterAll
    static void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void shouldGiveEachServiceADatabaseItOwnsAndCanMigrate() throws SQLException {
        for (var service : new String[] {"ingest", "alerts"}) {
            try (var c = DriverManager.getConnection(url(service), "rusvarsel_" + service, service + "-secret");
                 var s = c.createStatement()) {
                s.execute("CREATE TABLE flyway_probe (id int primary key)");
                s.execute("INSERT INTO flyway_probe VALUES (1)");
                try (var rs = s.executeQuery("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()")) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo("rusvarsel_" + service);
                }
            }
        }
    }

    @Test
    void shouldKeepEachServiceOutOfTheOtherServicesDatabase() {
        assertThatThrownBy(() -> DriverManager.getConnection(url("alerts"), "rusvarsel_ingest", "ingest-secret").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
        assertThatThrownBy(() -> DriverManager.getConnection(url("ingest"), "rusvarsel_alerts", "alerts-secret").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
    }

    private static String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/" + database;
    }
}
