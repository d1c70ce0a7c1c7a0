package no.rusvarsel.contracts.signal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import no.rusvarsel.contracts.catalogue.Hazard;
import no.rusvarsel.contracts.catalogue.SubstanceClass;
import no.rusvarsel.contracts.catalogue.SubstanceMatch;

/**
 * A substance name as a provider reported it, with what the catalogue made of it.
 * An unrecognised name keeps only {@code reportedName} and {@code match = UNRECOGNISED}.
 */
@Serdeable
public record ObservedSubstance(
        String reportedName,
        SubstanceMatch.Kind match,
        @Nullable String substanceId,
        @Nullable String name,
        @Nullable SubstanceClass substanceClass,
        @Nullable Hazard hazard) {

    public static ObservedSubstance of(String reportedName, SubstanceMatch match) {
        return match.substance()
                .map(s -> new ObservedSubstance(reportedName, match.kind(), s.id(), s.name(), s.substanceClass(), s.hazard()))
                .orElseGet(() -> new ObservedSubstance(reportedName, match.kind(), null, null, null, null));
    }

    public boolean recognised() {
        return substanceId != null;
    }
}
