package no.rusvarsel.alerts.dashboard;

import jakarta.inject.Singleton;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reads another service's API on behalf of the dashboard's caller, forwarding the caller's own bearer token. */
@Singleton
public class UpstreamClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    /** The upstream's answer: status, content type and body. */
    public record Answer(int status, String contentType, String body) {
    }

    /** @throws UpstreamUnavailable when the service cannot be reached in time */
    public Answer get(String baseUrl, String pathAndQuery, String authorization) {
        var request = HttpRequest.newBuilder(URI.create(stripSlash(baseUrl) + pathAndQuery))
                .timeout(Duration.ofSeconds(10)).header("Accept", "application/json, text/plain;q=0.9");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            var response = http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse("application/json"),
                    response.body());
        } catch (IOException e) {
            throw new UpstreamUnavailable(baseUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamUnavailable(baseUrl, e);
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The upstream service did not answer. */
    public static final class UpstreamUnavailable extends RuntimeException {
        UpstreamUnavailable(String url, Exception cause) {
            super("cannot reach " + url + ": " + cause.getMessage(), cause);
        }
    }
}
