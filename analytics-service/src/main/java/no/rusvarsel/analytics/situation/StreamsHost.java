package no.rusvarsel.analytics.situation;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.state.HostInfo;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Where other analytics instances reach this one's HTTP API, announced to Kafka Streams as {@code application.server}
 * so that interactive queries can be routed: {@code RUSVARSEL_STREAMS_APPLICATION_SERVER} ({@code host:port}) when set,
 * else the HTTP server's host (or this machine's name) and port. Unknown when the HTTP port is chosen at random.
 */
@Singleton
public class StreamsHost {

    private final HostInfo self;

    public StreamsHost(@Value("${rusvarsel.analytics.application-server:}") String configured,
                       @Value("${micronaut.server.host:}") String serverHost,
                       @Value("${micronaut.server.port:-1}") int serverPort) {
        this.self = resolve(configured, serverHost, serverPort);
    }

    /** This instance, as the others reach it; empty when it cannot be known (random port: a single instance). */
    public Optional<HostInfo> self() {
        return Optional.ofNullable(self);
    }

    static HostInfo resolve(String configured, String serverHost, int serverPort) {
        if (configured != null && !configured.isBlank()) {
            int colon = configured.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("RUSVARSEL_STREAMS_APPLICATION_SERVER must be host:port, got " + configured);
            }
            return new HostInfo(configured.substring(0, colon), Integer.parseInt(configured.substring(colon + 1)));
        }
        if (serverPort <= 0) {
            return null;
        }
        return new HostInfo(serverHost == null || serverHost.isBlank() ? hostName() : serverHost, serverPort);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
