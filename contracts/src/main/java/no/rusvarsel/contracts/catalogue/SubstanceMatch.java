package no.rusvarsel.contracts.catalogue;

import io.micronaut.serde.annotation.Serdeable;

import java.util.Optional;

/** The result of matching a free-text substance name against the catalogue. */
public record SubstanceMatch(Kind kind, Optional<Substance> substance) {

    /** How a name was matched: its canonical name or id, a synonym, a metabolite of the parent, or not at all. */
    @Serdeable
    public enum Kind { NAME, SYNONYM, METABOLITE, UNRECOGNISED }

    public static SubstanceMatch unrecognised() {
        return new SubstanceMatch(Kind.UNRECOGNISED, Optional.empty());
    }

    public boolean recognised() {
        return kind != Kind.UNRECOGNISED;
    }
}
