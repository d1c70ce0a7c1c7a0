package no.rusvarsel.alerts.delivery.webhook;

import jakarta.inject.Singleton;
import no.rusvarsel.alerts.delivery.AttemptResult;
import no.rusvarsel.alerts.delivery.ChannelSender;
import no.rusvarsel.alerts.delivery.Delivery;
import no.rusvarsel.alerts.delivery.RetryAfter;
import no.rusvarsel.alerts.subscription.Channel;
import no.rusvarsel.alerts.subscription.Subscription;

import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Delivers webhook messages per Standard Webhooks: POSTs the queued JSON with {@code webhook-id} (stable across
 * retries), {@code webhook-timestamp} (this attempt) and {@code webhook-signature} (with every live secret), after the
 * SSRF guard passed the target again; bounded connect and read timeouts, redirects not followed.
 */
@Singleton
public class WebhookSender implements ChannelSender {

    static final int EXCERPT_BYTES = 512;
    static final String USER_AGENT = "Rusvarsel-Webhooks/1";

    private final TargetGuard guard;
    private final SecretCipher cipher;
    private final WebhookSettings settings;
    private final Clock clock;
    private final HttpClient http;

    public WebhookSender(TargetGuard guard, SecretCipher cipher, WebhookSettings settings, Clock clock) {
        this.guard = guard;
        this.cipher = cipher;
        this.settings = settings;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Override
    public Channel channel() {
        return Channel.WEBHOOK;
    }

    @Override
    public AttemptResult send(Subscription s, Delivery d) {
        URI uri;
        try {
            uri = guard.check(s.target());
        } catch (TargetGuard.RefusedTarget e) {
            return AttemptResult.refused("target refused: " + e.getMessage());
        } catch (UnknownHostException e) {
            return AttemptResult.failed("host does not resolve: " + e.getMessage());
        }
        var now = clock.instant();
        var timestamp = now.getEpochSecond();
        var request = HttpRequest.newBuilder(uri)
                .timeout(settings.readTimeout())
                .header("content-type", "application/json")
                .header("user-agent", USER_AGENT)
                .header("webhook-id", d.messageId())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSignature.header(secrets(s, now), d.messageId(), timestamp, d.payload()))
                .POST(HttpRequest.BodyPublishers.ofString(d.payload(), StandardCharsets.UTF_8))
                .build();
        var call = http.sendAsync(request, LimitedBody.handler(EXCERPT_BYTES));
        try {
            var deadline = settings.connectTimeout().plus(settings.readTimeout()).toMillis();
            var response = call.get(deadline, TimeUnit.MILLISECONDS);
            int status = response.statusCode();
            var excerpt = response.body();
            if (status >= 200 && status < 300) {
                return AttemptResult.delivered(status, excerpt);
            }
            if (status == 410) {
                return AttemptResult.gone(status, excerpt);
            }
            var retryAfter = response.headers().firstValue("retry-after").flatMap(v -> RetryAfter.parse(v, clock.instant()));
            return AttemptResult.failed(status, "receiver answered HTTP " + status, retryAfter.orElse(null), excerpt);
        } catch (TimeoutException e) {
            call.cancel(true);
            return AttemptResult.failed("no complete answer within " + settings.readTimeout().toMillis() + " ms");
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            return AttemptResult.failed("interrupted");
        } catch (ExecutionException e) {
            return AttemptResult.failed(describe(e.getCause()));
        }
    }

    /** The current secret and, during the overlap after a rotation, the previous one. */
    private List<String> secrets(Subscription s, Instant now) {
        var secrets = new ArrayList<String>();
        if (s.secret() == null) {
            throw new IllegalStateException("webhook subscription " + s.subscriptionId() + " has no secret");
        }
        secrets.add(cipher.open(s.subscriptionId(), s.secret()));
        if (s.previousSecret() != null && s.previousSecretUntil() != null && now.isBefore(s.previousSecretUntil())) {
            secrets.add(cipher.open(s.subscriptionId(), s.previousSecret()));
        }
        return secrets;
    }

    private String describe(Throwable t) {
        if (t instanceof HttpConnectTimeoutException) {
            return "connect timed out after " + settings.connectTimeout().toMillis() + " ms";
        }
        if (t instanceof HttpTimeoutException) {
            return "no answer within " + settings.readTimeout().toMillis() + " ms";
        }
        if (t instanceof ConnectException) {
            return "connection refused";
        }
        var message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + truncate(message));
    }

    private static String truncate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
