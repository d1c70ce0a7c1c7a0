package no.rusvarsel.infra;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.DriverManager;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(RealInfraExtension.class)
class FlywayMigrationIT {

    @Test
    void shouldApplyAMigrationOnceOnTheRealPostgres(PostgresServer postgres) throws Exception {
        var url = postgres.jdbcUrl("flyway_it");
        var flyway = Flyway.configure().dataSource(url, postgres.username(), postgres.password())
                .locations("classpath:db/migration").load();

        var first = flyway.migrate();
        var second = flyway.migrate();

        assertThat(first.migrationsExecuted).isEqualTo(1);
        assertThat(second.migrationsExecuted).isZero();
        try (var connection = DriverManager.getConnection(url, postgres.username(), postgres.password());
             var statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO sample_ledger (external_id) VALUES ('DC-1')");
            try (var rs = statement.executeQuery("SELECT count(*), version() FROM sample_ledger")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
                assertThat(rs.getString(2)).startsWith("PostgreSQL");
            }
        }
    }
}
