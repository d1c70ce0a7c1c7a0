package no.rusvarsel.devstack;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** {@code GET http://127.0.0.1:<port>/health} → is the status UP? */
final class Health {

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Status(@Nullable String status) {
    }

    private final HttpClient client;

    Health(HttpClient client) {
        this.client = client;
    }

    boolean isUp(int port) {
        try {
            var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .timeout(Duration.ofSeconds(3))
                    .header("Accept", "application/json")
                    .GET().build();
            var response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return false;
            }
            Status status = Json.read(response.body(), Status.class);
            return status != null && "UP".equalsIgnoreCase(status.status());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }
}
