package no.rusvarsel.contracts.catalogue;

import io.micronaut.serde.annotation.Serdeable;

/** Pharmacological class used to group substances in clusters, the situation picture and subscriptions. */
@Serdeable
public enum SubstanceClass {
    NITAZENE_OPIOID,
    FENTANYL_OPIOID,
    OTHER_OPIOID,
    DESIGNER_BENZODIAZEPINE,
    BENZODIAZEPINE,
    VETERINARY_SEDATIVE,
    SYNTHETIC_CANNABINOID,
    CANNABIS,
    SYNTHETIC_CATHINONE,
    STIMULANT,
    EMPATHOGEN,
    PSYCHEDELIC,
    DISSOCIATIVE,
    DEPRESSANT,
    OTHER
}
