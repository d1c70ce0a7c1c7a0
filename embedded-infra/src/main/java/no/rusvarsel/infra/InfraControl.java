package no.rusvarsel.infra;

import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Lets fault tests really stop and start the dev stack's PostgreSQL and Kafka: {@code POST /postgres/stop},
 * {@code /postgres/start}, {@code /kafka/stop}, {@code /kafka/start} on a loopback port. Only started when
 * {@code RUSVARSEL_INFRA_CONTROL=true}; never part of a deployment.
 */
final class InfraControl implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InfraControl.class);

    private final HttpServer server;

    private InfraControl(HttpServer server) {
        this.server = server;
    }

    static InfraControl start(Infra infra) {
        Map<String, Runnable> actions = Map.of(
                "/postgres/stop", infra::stopPostgres, "/postgres/start", infra::startPostgres,
                "/kafka/stop", infra::stopKafka, "/kafka/start", infra::startKafka);
        try {
            var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                var action = actions.get(exchange.getRequestURI().getPath());
                int status;
                String body;
                if (action == null || !"POST".equals(exchange.getRequestMethod())) {
                    status = 404;
                    body = "POST one of " + actions.keySet();
                } else {
                    try {
                        LOG.warn("infra control: {}", exchange.getRequestURI().getPath());
                        action.run();
                        status = 200;
                        body = "done";
                    } catch (RuntimeException | Error e) {
                        LOG.error("infra control {} failed", exchange.getRequestURI().getPath(), e);
                        status = 500;
                        body = e.toString();
                    }
                }
                var bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, bytes.length);
                try (var out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            });
            server.start();
            return new InfraControl(server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the infra control endpoint", e);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
