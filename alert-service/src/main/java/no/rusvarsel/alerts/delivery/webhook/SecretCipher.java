package no.rusvarsel.alerts.delivery.webhook;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keeps webhook signing secrets at rest. A secret must be usable for HMAC, so it cannot be hashed: with
 * {@code RUSVARSEL_WEBHOOK_SECRET_KEY} (base64 of 32 bytes) it is sealed with AES-256-GCM, bound to its
 * subscription id ({@code v1:} + base64(iv ‖ ciphertext)); without a key it is stored as is ({@code plain:…}),
 * which the service warns about at start. Rows sealed under a key need that key to be opened again.
 */
@Singleton
public class SecretCipher {

    private static final Logger LOG = LoggerFactory.getLogger(SecretCipher.class);
    private static final String SEALED = "v1:";
    private static final String PLAIN = "plain:";
    private static final int IV_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    public SecretCipher(@Value("${rusvarsel.webhook.secret-key:}") String base64Key) {
        if (base64Key == null || base64Key.isBlank()) {
            this.key = null;
            LOG.warn("RUSVARSEL_WEBHOOK_SECRET_KEY is not set: webhook signing secrets are stored unencrypted");
        } else {
            var bytes = Base64.getDecoder().decode(base64Key.strip());
            if (bytes.length != 32) {
                throw new IllegalArgumentException("RUSVARSEL_WEBHOOK_SECRET_KEY must be base64 of 32 bytes, is " + bytes.length);
            }
            this.key = new SecretKeySpec(bytes, "AES");
        }
    }

    public String seal(UUID subscriptionId, String secret) {
        if (key == null) {
            return PLAIN + secret;
        }
        try {
            var iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            var cipher = cipher(Cipher.ENCRYPT_MODE, iv, subscriptionId);
            var sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return SEALED + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal webhook secret", e);
        }
    }

    public String open(UUID subscriptionId, String stored) {
        if (stored.startsWith(PLAIN)) {
            return stored.substring(PLAIN.length());
        }
        if (!stored.startsWith(SEALED)) {
            throw new IllegalStateException("unknown secret format for subscription " + subscriptionId);
        }
        if (key == null) {
            throw new IllegalStateException("the webhook secret of subscription " + subscriptionId
                    + " is sealed, but RUSVARSEL_WEBHOOK_SECRET_KEY is not set");
        }
        try {
            var bytes = Base64.getDecoder().decode(stored.substring(SEALED.length()));
            var iv = Arrays.copyOf(bytes, IV_BYTES);
            var cipher = cipher(Cipher.DECRYPT_MODE, iv, subscriptionId);
            return new String(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot open the webhook secret of subscription " + subscriptionId
                    + " (wrong RUSVARSEL_WEBHOOK_SECRET_KEY?)", e);
        }
    }

    private Cipher cipher(int mode, byte[] iv, UUID subscriptionId) throws GeneralSecurityException {
        var cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(128, iv));
        cipher.updateAAD(subscriptionId.toString().getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
