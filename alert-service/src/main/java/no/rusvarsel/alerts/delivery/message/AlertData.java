package no.rusvarsel.alerts.delivery.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import no.rusvarsel.contracts.alert.AlertStatus;
import no.rusvarsel.contracts.catalogue.SubstanceClass;
import no.rusvarsel.contracts.detection.Certainty;
import no.rusvarsel.contracts.detection.Rule;
import no.rusvarsel.contracts.detection.Severity;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The {@code data} of an alert message: the alert as it was at the change, its evidence and where to read more.
 *
 * @param change        OPENED or ESCALATED
 * @param evidence      the latest detections behind the alert (at most a configured number), oldest first
 * @param evidenceTotal how many detections the alert has in all
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AlertData(
        String alertId,
        String eventId,
        long sequence,
        String change,
        AlertStatus status,
        Severity severity,
        Certainty certainty,
        String summary,
        RegionRef region,
        RegionRef county,
        List<RegionRef> regions,
        @Nullable String substance,
        @Nullable String substanceName,
        @Nullable SubstanceClass substanceClass,
        Rule.Family ruleFamily,
        List<String> rules,
        List<String> sourceTypes,
        Instant windowStart,
        Instant windowEnd,
        Instant openedAt,
        Instant updatedAt,
        List<Evidence> evidence,
        int evidenceTotal,
        Links links) {

    /** A region code and its name from the catalogue. */
    @Serdeable
    public record RegionRef(String code, String name) {
    }

    /** One detection behind the alert. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Evidence(String detectionId, Rule rule, Severity severity, Certainty certainty, RegionRef region,
                           List<String> sourceTypes, String summary, Instant detectedAt, Instant windowStart,
                           Instant windowEnd, List<String> signalIds, Map<String, Double> metrics) {
    }

    /** Where to read more: the alert in the API, its CAP document, and the dashboard page. */
    @Serdeable
    public record Links(String alert, String cap, String dashboard) {
    }
}
