package no.rusvarsel.contracts.alert;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import no.rusvarsel.contracts.catalogue.SubstanceClass;
import no.rusvarsel.contracts.detection.Certainty;
import no.rusvarsel.contracts.detection.Rule;
import no.rusvarsel.contracts.detection.Severity;

import java.time.Instant;
import java.util.List;

/**
 * One change in an alert's life, as published on {@code rusvarsel.alerts.v1} for other systems (DESIGN §6).
 *
 * @param eventId      unique and deterministic per change (alert id + sequence)
 * @param sequence     1 for OPENED, then +1 per change of this alert
 * @param detectionIds the detections that caused this change (empty for a person's action)
 * @param actor        who made the change: a user's subject, or {@code system}
 */
@Serdeable
public record AlertEvent(
        String eventId,
        String alertId,
        long sequence,
        Type type,
        AlertStatus status,
        Severity severity,
        Certainty certainty,
        String region,
        @Nullable String substance,
        @Nullable SubstanceClass substanceClass,
        Rule.Family ruleFamily,
        List<Rule> rules,
        List<String> detectionIds,
        String summary,
        String actor,
        @Nullable String note,
        Instant occurredAt) {

    public AlertEvent {
        rules = rules == null ? List.of() : List.copyOf(rules);
        detectionIds = detectionIds == null ? List.of() : List.copyOf(detectionIds);
    }

    /** What happened to the alert. */
    @Serdeable
    public enum Type { OPENED, UPDATED, ESCALATED, ACKNOWLEDGED, RESOLVED, DISMISSED, REOPENED }
}
