package no.rusvarsel.bench.loadgen;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import no.rusvarsel.contracts.signal.SourceType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * API keys per provider: the dev stack's {@code .devstack/credentials.json} ({@code "providers": {"wastewater": "rv_…", …}},
 * and its {@code urls.ingest}), or a plain JSON object of provider (source-type path) → key.
 */
public final class ProviderKeys {

    private final Map<String, String> keys;
    private final String ingestUrl;

    public ProviderKeys(Map<String, String> keys) {
        this(keys, null);
    }

    private ProviderKeys(Map<String, String> keys, String ingestUrl) {
        this.keys = Map.copyOf(keys);
        this.ingestUrl = ingestUrl;
    }

    /** @throws IllegalArgumentException if the file is missing, not JSON, or has no keys */
    @SuppressWarnings("unchecked")
    public static ProviderKeys read(Path file) {
        Map<String, Object> doc;
        try {
            doc = ObjectMapper.getDefault().readValue(Files.readAllBytes(file), Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read keys file " + file + ": " + e.getMessage(), e);
        }
        if (doc == null) {
            throw new IllegalArgumentException("keys file " + file + " is empty");
        }
        Object providers = doc.containsKey("providers") ? doc.get("providers") : doc;
        if (!(providers instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("keys file " + file + ": \"providers\" must be an object of provider → API key");
        }
        var keys = new LinkedHashMap<String, String>();
        map.forEach((k, v) -> {
            if (v instanceof String s && !s.isBlank()) {
                keys.put(String.valueOf(k), s);
            }
        });
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("keys file " + file + " has no API keys (expected {\"providers\":{\"wastewater\":\"rv_…\",…}} "
                    + "as in .devstack/credentials.json, or {\"wastewater\":\"rv_…\",…})");
        }
        String url = doc.get("urls") instanceof Map<?, ?> urls && urls.get("ingest") instanceof String s ? s : null;
        return new ProviderKeys(keys, url);
    }

    /** The key for a provider, falling back to the one named after the source type. */
    public Optional<String> keyFor(String provider, SourceType type) {
        return Optional.ofNullable(keys.getOrDefault(provider, keys.get(type.path())));
    }

    /** The ingest URL the credentials file names, if it is one. */
    public Optional<String> ingestUrl() {
        return Optional.ofNullable(ingestUrl);
    }

    /** Source types without a key. */
    public List<SourceType> missing() {
        return java.util.Arrays.stream(SourceType.values()).filter(t -> !keys.containsKey(t.path())).toList();
    }
}
