package no.rusvarsel.devstack;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import no.rusvarsel.contracts.signal.SourceType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The file ingest-service upserts on start ({@code RUSVARSEL_SEED_PROVIDERS}): one dev provider per source type. */
@Serdeable
public record SeedProviders(List<Provider> providers) {

    public static final String FILE_NAME = "seed-providers.json";

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Provider(String id, String name, List<String> sourceTypes, List<String> regions, String apiKey) {
    }

    public static SeedProviders of(DevSecrets secrets) {
        var providers = new ArrayList<Provider>();
        for (SourceType type : SourceType.values()) {
            providers.add(new Provider(providerId(type), providerName(type), List.of(type.path()), List.of(), secrets.keyFor(type)));
        }
        return new SeedProviders(List.copyOf(providers));
    }

    public static String providerId(SourceType type) {
        return "dev-" + type.path();
    }

    static String providerName(SourceType type) {
        return switch (type) {
            case WASTEWATER -> "Dev wastewater lab";
            case DRUG_CHECKING -> "Dev drug-checking service";
            case SEIZURE -> "Dev police and customs laboratory";
            case PATIENT_EVENT -> "Dev ambulance and emergency departments";
            case SYRINGE -> "Dev syringe-residue programme";
        };
    }

    /** Writes the file (owner-only: it holds the keys) and returns its path. */
    public Path writeTo(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        Json.writePrivateFile(file, this);
        return file;
    }
}
