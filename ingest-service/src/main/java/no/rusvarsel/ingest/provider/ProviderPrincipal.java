package no.rusvarsel.ingest.provider;

import io.micronaut.security.authentication.Authentication;

import java.util.List;
import java.util.Map;

/** The authenticated data provider behind a request: who it is and what it may submit. */
public record ProviderPrincipal(String providerId, List<String> sourceTypes, List<String> regions) {

    public static final String ROLE = "PROVIDER";

    Authentication toAuthentication() {
        return Authentication.build(providerId, List.of(ROLE),
                Map.of("providerId", providerId, "sourceTypes", sourceTypes, "regions", regions));
    }

    @SuppressWarnings("unchecked")
    public static ProviderPrincipal of(Authentication authentication) {
        var attributes = authentication.getAttributes();
        return new ProviderPrincipal((String) attributes.get("providerId"),
                (List<String>) attributes.getOrDefault("sourceTypes", List.of()),
                (List<String>) attributes.getOrDefault("regions", List.of()));
    }

    public boolean maySubmit(String sourceTypePath) {
        return sourceTypes.contains(sourceTypePath);
    }
}
