package no.rusvarsel.ingest.provider;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Upserts providers and their API keys from the file named by {@code RUSVARSEL_SEED_PROVIDERS} on start:
 * how the dev stack hands ingest its ready-made credentials. Keys are stored hashed only.
 */
@Singleton
@Requires(property = "rusvarsel.seed-providers", pattern = ".+")
public class ProviderSeed {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderSeed.class);

    /** The seed file's format. */
    @Serdeable
    public record SeedFile(List<SeedProvider> providers) {
    }

    @Serdeable
    public record SeedProvider(String id, String name, List<String> sourceTypes, @Nullable List<String> regions,
                               @Nullable Integer expectedIntervalMinutes, String apiKey) {
    }

    private final ProviderRepository providers;
    private final ApiKeyRepository keys;
    private final ObjectMapper mapper;
    private final String file;

    public ProviderSeed(ProviderRepository providers, ApiKeyRepository keys, ObjectMapper mapper,
                        @Value("${rusvarsel.seed-providers}") String file) {
        this.providers = providers;
        this.keys = keys;
        this.mapper = mapper;
        this.file = file;
    }

    @EventListener
    public void onStartup(StartupEvent event) {
        SeedFile seed;
        try {
            seed = mapper.readValue(Files.readAllBytes(Path.of(file)), SeedFile.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read seed providers file " + file, e);
        }
        apply(seed);
        LOG.info("seeded {} providers from {}", seed.providers().size(), file);
    }

    @Transactional
    public void apply(SeedFile seed) {
        for (var p : seed.providers()) {
            var provider = new Provider(p.id(), p.name(), p.sourceTypes(), p.regions() == null ? List.of() : p.regions(),
                    p.expectedIntervalMinutes(), null);
            if (providers.existsById(p.id())) {
                providers.update(provider);
            } else {
                providers.save(provider);
            }
            var hash = ApiKeys.hash(p.apiKey());
            if (keys.findByKeyHash(hash).isEmpty()) {
                keys.save(new ApiKey(UUID.randomUUID(), p.id(), hash, ApiKeys.prefix(p.apiKey()), Instant.now(), null));
            }
        }
    }
}
