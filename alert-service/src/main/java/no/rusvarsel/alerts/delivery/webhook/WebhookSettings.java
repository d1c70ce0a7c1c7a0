package no.rusvarsel.alerts.delivery.webhook;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Duration;

/** Webhook timeouts and the overlap during which a rotated secret still signs (env RUSVARSEL_WEBHOOK_*). */
@Singleton
public class WebhookSettings {

    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration secretOverlap;

    public WebhookSettings(@Value("${rusvarsel.webhook.connect-timeout:5s}") Duration connectTimeout,
                           @Value("${rusvarsel.webhook.read-timeout:15s}") Duration readTimeout,
                           @Value("${rusvarsel.webhook.secret-overlap:24h}") Duration secretOverlap) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.secretOverlap = secretOverlap;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** How long to wait for the receiver's answer once connected (and for its body). */
    public Duration readTimeout() {
        return readTimeout;
    }

    public Duration secretOverlap() {
        return secretOverlap;
    }
}
