package no.rusvarsel.devstack.faults;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The Sender's HTTP client with every attempt written down (the Sender reports only each request's last answer):
 * when it was sent and answered, the status (0: no answer) and whether a {@code Retry-After} came with it.
 */
final class RecordingHttpClient extends HttpClient {

    /** One attempt. */
    record Attempt(Instant sentAt, Instant answeredAt, int status, boolean retryAfter) {
    }

    private final HttpClient delegate;
    private final List<Attempt> attempts = java.util.Collections.synchronizedList(new ArrayList<>());

    RecordingHttpClient(HttpClient delegate) {
        this.delegate = delegate;
    }

    List<Attempt> attempts() {
        synchronized (attempts) {
            return List.copyOf(attempts);
        }
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException, InterruptedException {
        var sent = Instant.now();
        try {
            var response = delegate.send(request, handler);
            attempts.add(new Attempt(sent, Instant.now(), response.statusCode(), response.headers().firstValue("Retry-After").isPresent()));
            return response;
        } catch (IOException e) {
            attempts.add(new Attempt(sent, Instant.now(), 0, false));
            throw e;
        }
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        throw new UnsupportedOperationException("the Sender sends synchronously");
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> push) {
        throw new UnsupportedOperationException("the Sender sends synchronously");
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return delegate.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return delegate.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return delegate.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return delegate.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return delegate.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return delegate.authenticator();
    }

    @Override
    public Version version() {
        return delegate.version();
    }

    @Override
    public Optional<Executor> executor() {
        return delegate.executor();
    }
}
