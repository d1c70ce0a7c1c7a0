package no.rusvarsel.analytics.situation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.state.HostInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Asks another analytics instance for the situation cells of the counties whose partitions it holds, over its
 * internal endpoint, with the caller's own bearer token (so that instance applies the same access and masking).
 */
@Singleton
public class InstanceClient {

    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final JsonMapper json;

    public InstanceClient(JsonMapper json) {
        this.json = json;
    }

    public CompletableFuture<List<SituationCount>> counts(HostInfo host, List<String> counties, @Nullable String municipality,
                                                          LocalDate from, LocalDate to, @Nullable String authorization) {
        var query = "counties=" + String.join(",", counties) + "&from=" + from + "&to=" + to
                + (municipality == null ? "" : "&municipality=" + URLEncoder.encode(municipality, StandardCharsets.UTF_8));
        var request = HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port() + SituationController.INTERNAL_PATH + "?" + query))
                .timeout(TIMEOUT)
                .header("Accept", "application/json")
                .GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new InstanceUnavailableException(host + " answered " + response.statusCode());
            }
            try {
                return json.readValue(response.body(), Argument.listOf(SituationCount.class));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Another instance did not give its part of the answer. */
    public static final class InstanceUnavailableException extends RuntimeException {
        InstanceUnavailableException(String message) {
            super(message);
        }
    }
}
