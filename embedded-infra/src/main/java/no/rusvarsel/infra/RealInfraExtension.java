package no.rusvarsel.infra;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that hands tests the JVM's shared real Kafka and PostgreSQL:
 * declare a parameter of type {@link Infra}, {@link KafkaServer} or {@link PostgresServer}.
 */
public final class RealInfraExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        var type = parameter.getParameter().getType();
        return type == Infra.class || type == KafkaServer.class || type == PostgresServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        var infra = SharedInfra.get();
        var type = parameter.getParameter().getType();
        return type == Infra.class ? infra : type == KafkaServer.class ? infra.kafka() : infra.postgres();
    }
}
