package no.rusvarsel.contracts.detection;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import no.rusvarsel.contracts.catalogue.SubstanceClass;
import no.rusvarsel.contracts.signal.SourceType;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a rule found, as written to {@code rusvarsel.detections.v1} (DESIGN §5).
 *
 * @param detectionId deterministic: the same input always yields the same id
 * @param region      the county (or municipality) the detection is about
 * @param windowStart start of the event-time window the evidence falls in
 * @param windowEnd   end (exclusive) of that window
 * @param evidence    signal ids behind the detection
 * @param metrics     numbers behind the decision: observed, expected, threshold, …
 * @param summary     one sentence a person can read
 */
@Serdeable
public record Detection(
        String detectionId,
        Rule rule,
        Severity severity,
        Certainty certainty,
        String region,
        @Nullable String substance,
        @Nullable String substanceName,
        @Nullable SubstanceClass substanceClass,
        Instant windowStart,
        Instant windowEnd,
        List<String> evidence,
        Set<SourceType> sourceTypes,
        Map<String, Double> metrics,
        String summary,
        Instant detectedAt) {

    public Detection {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        sourceTypes = sourceTypes == null ? Set.of() : Set.copyOf(sourceTypes);
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
    }
}
