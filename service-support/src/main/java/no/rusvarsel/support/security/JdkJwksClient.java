package no.rusvarsel.support.security;

import io.micronaut.security.token.jwt.signature.jwks.JwksClient;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Fetches a JWKS document with the JDK's non-blocking HTTP client, bounded by a timeout, so that an OIDC provider
 * that hangs cannot hold up sign-ins (Micronaut's fallback client, used where no Micronaut HTTP client is on the
 * classpath, waits forever).
 */
final class JdkJwksClient implements JwksClient {

    private final HttpClient client;
    private final Duration timeout;

    JdkJwksClient(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    @Override
    public Publisher<String> load(String providerName, String url) {
        var request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).header("Accept", "application/json").GET().build();
        return Mono.fromFuture(() -> client.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                .timeout(timeout)
                .flatMap(response -> response.statusCode() == 200
                        ? Mono.just(response.body())
                        : Mono.error(new IOException("HTTP " + response.statusCode() + " from " + url)));
    }
}
