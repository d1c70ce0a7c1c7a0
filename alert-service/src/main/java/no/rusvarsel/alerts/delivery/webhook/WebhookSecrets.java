package no.rusvarsel.alerts.delivery.webhook;

import java.security.SecureRandom;
import java.util.Base64;

/** New webhook signing secrets: {@code whsec_} + base64 of 32 random bytes (Standard Webhooks allows 24–64). */
public final class WebhookSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int BYTES = 32;

    private WebhookSecrets() {
    }

    public static String generate() {
        var bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return WebhookSignature.SECRET_PREFIX + Base64.getEncoder().encodeToString(bytes);
    }
}
