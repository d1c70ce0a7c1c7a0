package no.rusvarsel.alerts.delivery.webhook;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignatureTest {

    // the test vector of the Standard Webhooks reference libraries
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TIMESTAMP = 1614265330L;
    private static final String BODY = "{\"test\": 2432232314}";
    private static final String EXPECTED = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    void shouldSignTheStandardWebhooksTestVector() {
        // When the reference message is signed with the reference secret
        var signature = WebhookSignature.sign(SECRET, ID, TIMESTAMP, BODY);

        // Then the signature is the published one
        assertThat(signature).isEqualTo(EXPECTED);
    }

    @Test
    void shouldSignWithEverySecretSpaceSeparatedDuringARotation() {
        // Given a new secret and the previous one
        var fresh = WebhookSecrets.generate();

        // When the header is made with both
        var header = WebhookSignature.header(List.of(fresh, SECRET), ID, TIMESTAMP, BODY);

        // Then it holds both signatures, and a receiver knowing either secret accepts it
        assertThat(header.split(" ")).hasSize(2).contains(EXPECTED);
        assertThat(WebhookSignature.verify(SECRET, ID, TIMESTAMP, BODY, header)).isTrue();
        assertThat(WebhookSignature.verify(fresh, ID, TIMESTAMP, BODY, header)).isTrue();
    }

    @Test
    void shouldRejectATamperedBodyOrTimestamp() {
        // Given a valid signature
        var header = WebhookSignature.sign(SECRET, ID, TIMESTAMP, BODY);

        // Then a changed body, timestamp or secret does not verify
        assertThat(WebhookSignature.verify(SECRET, ID, TIMESTAMP, "{\"test\": 2432232315}", header)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, ID, TIMESTAMP + 1, BODY, header)).isFalse();
        assertThat(WebhookSignature.verify(WebhookSecrets.generate(), ID, TIMESTAMP, BODY, header)).isFalse();
    }

    @Test
    void shouldGenerateWhsecSecretsOf32RandomBytes() {
        // When two secrets are generated
        var a = WebhookSecrets.generate();
        var b = WebhookSecrets.generate();

        // Then both are whsec_ + base64 of 32 bytes, and differ
        assertThat(a).startsWith("whsec_").isNotEqualTo(b);
        assertThat(Base64.getDecoder().decode(a.substring(6))).hasSize(32);
    }
}
