package no.rusvarsel.alerts.alert;

import no.rusvarsel.contracts.catalogue.SubstanceClass;
import no.rusvarsel.contracts.detection.Certainty;
import no.rusvarsel.contracts.detection.Detection;
import no.rusvarsel.contracts.detection.Rule;
import no.rusvarsel.contracts.detection.Severity;
import no.rusvarsel.contracts.signal.SourceType;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Test detections as analytics would write them. */
final class Detections {

    static final Instant DAY = Instant.parse("2026-11-20T00:00:00Z");

    private Detections() {
    }

    static Detection nitazene(String region, Rule rule, Severity severity, Certainty certainty, SourceType source) {
        return new Detection("det-" + UUID.randomUUID(), rule, severity, certainty, region, "isotonitazene",
                "Isotonitazene", SubstanceClass.NITAZENE_OPIOID, DAY, DAY.plusSeconds(86_400),
                List.of("sig-" + UUID.randomUUID()), Set.of(source), Map.of("observed", 1.0),
                "Isotonitazene found by " + source.name().toLowerCase() + " in " + region + ".", DAY.plusSeconds(3600));
    }

    static Detection critical(String region) {
        return nitazene(region, Rule.WATCHLIST_SUBSTANCE, Severity.CRITICAL, Certainty.OBSERVED, SourceType.DRUG_CHECKING);
    }
}
