package no.rusvarsel.alerts.delivery.webhook;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretCipherTest {

    private static String newKey() {
        var key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Test
    void shouldSealSecretsWithTheKeyAndOpenThemAgain() {
        // Given a cipher with a key and a secret
        var cipher = new SecretCipher(newKey());
        var id = UUID.randomUUID();
        var secret = WebhookSecrets.generate();

        // When it is sealed
        var sealed = cipher.seal(id, secret);

        // Then the stored form does not contain it, and opens to it
        assertThat(sealed).startsWith("v1:").doesNotContain(secret.substring(6));
        assertThat(cipher.open(id, sealed)).isEqualTo(secret);
    }

    @Test
    void shouldNotOpenASecretSealedForAnotherSubscriptionOrKey() {
        // Given a secret sealed for one subscription
        var key = newKey();
        var sealed = new SecretCipher(key).seal(UUID.randomUUID(), WebhookSecrets.generate());

        // Then neither another subscription id nor another key opens it
        assertThatThrownBy(() -> new SecretCipher(key).open(UUID.randomUUID(), sealed)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new SecretCipher(newKey()).open(UUID.randomUUID(), sealed)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldStoreSecretsAsIsWithoutAKey() {
        // Given no key
        var cipher = new SecretCipher("");
        var id = UUID.randomUUID();

        // Then secrets are kept marked as plain, and still open
        var stored = cipher.seal(id, "whsec_abc");
        assertThat(stored).isEqualTo("plain:whsec_abc");
        assertThat(cipher.open(id, stored)).isEqualTo("whsec_abc");
    }
}
