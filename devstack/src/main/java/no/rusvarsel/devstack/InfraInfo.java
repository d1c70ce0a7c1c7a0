package no.rusvarsel.devstack;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/** What the infra process writes to {@code DATA_DIR/infra.json} once Kafka and PostgreSQL are up. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record InfraInfo(String kafka, int postgresPort, String postgresUser, String postgresPassword,
                        @Nullable Map<String, String> databases) {

    public String jdbcUrl(String database) {
        if (databases != null && databases.containsKey(database)) {
            return databases.get(database);
        }
        return "jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + database;
    }
}
