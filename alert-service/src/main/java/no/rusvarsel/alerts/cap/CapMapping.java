package no.rusvarsel.alerts.cap;

import no.rusvarsel.contracts.alert.AlertStatus;
import no.rusvarsel.contracts.detection.Certainty;
import no.rusvarsel.contracts.detection.Severity;

import java.util.List;

/**
 * Maps our severity, certainty and status onto CAP 1.2's severity, urgency, certainty and responseType.
 * <ul>
 *   <li>severity: CRITICAL → Extreme, HIGH → Severe, MODERATE → Moderate, LOW and INFO → Minor
 *       (CAP Unknown is for "not known", and ours always is);</li>
 *   <li>urgency: CRITICAL → Immediate, HIGH → Expected, MODERATE and LOW → Future, INFO → Unknown;
 *       a cancelled (resolved or dismissed) alert → Past;</li>
 *   <li>certainty: POSSIBLE → Possible, LIKELY → Likely, OBSERVED → Observed;</li>
 *   <li>responseType: CRITICAL → Assess, otherwise Monitor; resolved → AllClear, dismissed → None.</li>
 * </ul>
 */
public final class CapMapping {

    private CapMapping() {
    }

    public static String severity(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "Extreme";
            case HIGH -> "Severe";
            case MODERATE -> "Moderate";
            case LOW, INFO -> "Minor";
        };
    }

    public static String urgency(Severity severity, AlertStatus status) {
        if (!status.active()) {
            return "Past";
        }
        return switch (severity) {
            case CRITICAL -> "Immediate";
            case HIGH -> "Expected";
            case MODERATE, LOW -> "Future";
            case INFO -> "Unknown";
        };
    }

    public static String certainty(Certainty certainty) {
        return switch (certainty) {
            case POSSIBLE -> "Possible";
            case LIKELY -> "Likely";
            case OBSERVED -> "Observed";
        };
    }

    public static List<String> responseTypes(Severity severity, AlertStatus status) {
        return switch (status) {
            case RESOLVED -> List.of("AllClear");
            case DISMISSED -> List.of("None");
            case OPEN, ACKNOWLEDGED -> List.of(severity == Severity.CRITICAL ? "Assess" : "Monitor");
        };
    }

    /** Cancel once the alert is over (resolved or dismissed), Alert for its first message, Update after that. */
    public static String msgType(AlertStatus status, boolean firstMessage) {
        if (!status.active()) {
            return "Cancel";
        }
        return firstMessage ? "Alert" : "Update";
    }
}
