package no.rusvarsel.devstack;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import no.rusvarsel.contracts.signal.SourceType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dev stack's secrets, generated once per data folder and kept in {@code DATA_DIR/secrets.json} so a restart
 * keeps tokens and provider keys valid ({@code --fresh} deletes the folder, so new ones are made).
 *
 * @param jwtSecret    HS256 secret shared by the three services (384 random bits, base64url)
 * @param providerKeys API key of the dev provider of each source type, keyed by the API path name
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record DevSecrets(String jwtSecret, Map<String, String> providerKeys, @Nullable String createdAt) {

    public static final String FILE_NAME = "secrets.json";
    public static final String API_KEY_PREFIX = "rv_";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    /** Reads {@code dataDir/secrets.json}, or makes and stores new secrets; a missing provider key is added. */
    public static DevSecrets loadOrCreate(Path dataDir, SecureRandom random) {
        Path file = dataDir.resolve(FILE_NAME);
        DevSecrets existing = null;
        if (Files.isRegularFile(file)) {
            try {
                existing = Json.read(file, DevSecrets.class);
            } catch (RuntimeException e) {
                System.out.println("[devstack] " + file + " is unreadable (" + e.getMessage() + "); making new dev secrets");
            }
        }
        String secret = existing != null && existing.jwtSecret() != null && existing.jwtSecret().length() >= 43
                ? existing.jwtSecret() : newJwtSecret(random);
        var keys = new LinkedHashMap<String, String>();
        for (SourceType type : SourceType.values()) {
            String key = existing != null && existing.providerKeys() != null ? existing.providerKeys().get(type.path()) : null;
            keys.put(type.path(), key != null && key.startsWith(API_KEY_PREFIX) ? key : newApiKey(random));
        }
        var secrets = new DevSecrets(secret, keys,
                existing != null && existing.createdAt() != null ? existing.createdAt() : Instant.now().toString());
        if (!secrets.equals(existing)) {
            Json.writePrivateFile(file, secrets);
        }
        return secrets;
    }

    /** 48 random bytes (384 bits), base64url without padding: 64 characters. */
    static String newJwtSecret(SecureRandom random) {
        byte[] bytes = new byte[48];
        random.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }

    /** {@code rv_} + 32 random bytes base64url. */
    static String newApiKey(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return API_KEY_PREFIX + BASE64URL.encodeToString(bytes);
    }

    public String keyFor(SourceType type) {
        return providerKeys.get(type.path());
    }
}
