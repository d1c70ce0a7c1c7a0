package no.rusvarsel.infra;

import io.micronaut.test.support.TestPropertyProvider;

import java.util.HashMap;
import java.util.Map;

/**
 * For {@code @MicronautTest} classes (with {@code @TestInstance(PER_CLASS)}): points the application
 * at the JVM's shared real Kafka and, when {@link #databaseName()} is set, at its own PostgreSQL database;
 * people's tokens are verified with {@link DevTokens#TEST_SECRET}.
 */
public interface RealInfraProperties extends TestPropertyProvider {

    /** The database this test's application uses; null for a service without one. */
    default String databaseName() {
        return null;
    }

    @Override
    default Map<String, String> getProperties() {
        var infra = SharedInfra.get();
        var props = new HashMap<String, String>();
        props.put("kafka.bootstrap.servers", infra.kafka().bootstrapServers());
        // a random free port: the services' configured ports may be taken by a running dev stack
        props.put("micronaut.server.port", "-1");
        props.put("rusvarsel.security.jwt-secret", DevTokens.TEST_SECRET);
        if (databaseName() != null) {
            props.put("datasources.default.url", infra.postgres().jdbcUrl(databaseName()));
            props.put("datasources.default.username", infra.postgres().username());
            props.put("datasources.default.password", infra.postgres().password());
        }
        return props;
    }
}
