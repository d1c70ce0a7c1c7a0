package no.rusvarsel.devstack.dashboard;

import no.rusvarsel.devstack.StackProcess;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The real dev stack for the dashboard's browser test, with plain HTTP calls to its services. */
final class StackUnderTest extends StackProcess {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    StackUnderTest(Map<String, String> serviceEnvironment) throws IOException, InterruptedException {
        super("dashboard-it", serviceEnvironment, Duration.ofSeconds(180));
    }

    String alertsUrl() {
        return url("alerts");
    }

    String providerKey(String sourceType) {
        return providerKeys().get(sourceType);
    }

    HttpResponse<String> post(String service, String path, String bearer, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url(service) + path))
                .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String service, String path, String bearer) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url(service) + path))
                .header("Authorization", "Bearer " + bearer).build(), HttpResponse.BodyHandlers.ofString());
    }
}
