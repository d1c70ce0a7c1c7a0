package no.rusvarsel.devstack;

import io.micronaut.serde.annotation.Serdeable;
import no.rusvarsel.contracts.signal.SourceType;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code .devstack/credentials.json}: where the running stack is and how to call it.
 * <pre>{"urls":{"ingest":..,"analytics":..,"alerts":..,"kafka":..,"postgres":..},
 *  "providers":{"wastewater":"rv_..",..},"tokens":{"ANALYST":..,"OPERATOR":..,"ADMIN":..}}</pre>
 */
@Serdeable
public record Credentials(Urls urls, Map<String, String> providers, Map<String, String> tokens) {

    @Serdeable
    public record Urls(String ingest, String analytics, String alerts, String kafka, String postgres) {
    }

    public static Credentials of(Ports ports, String kafkaBootstrap, DevSecrets secrets, Map<String, String> tokens) {
        var urls = new Urls(
                "http://127.0.0.1:" + ports.ingest(),
                "http://127.0.0.1:" + ports.analytics(),
                "http://127.0.0.1:" + ports.alerts(),
                kafkaBootstrap,
                "jdbc:postgresql://127.0.0.1:" + ports.postgres() + "/");
        var providers = new LinkedHashMap<String, String>();
        for (SourceType type : SourceType.values()) {
            providers.put(type.path(), secrets.keyFor(type));
        }
        return new Credentials(urls, providers, new LinkedHashMap<>(tokens));
    }

    public String toJson() {
        return Json.write(this);
    }
}
