package no.rusvarsel.alerts.alert;

import no.rusvarsel.contracts.alert.AlertEvent;
import no.rusvarsel.contracts.alert.AlertStatus;
import no.rusvarsel.contracts.detection.Detection;
import no.rusvarsel.contracts.detection.Rule;
import no.rusvarsel.contracts.signal.SourceType;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/** Rule of an alert episode: how a detection opens one, and how later detections update it (severity only rises). */
public final class Episodes {

    private Episodes() {
    }

    /** The deterministic id of the alert a detection opens: reprocessing yields the same alert id. */
    public static String alertId(String firstDetectionId) {
        return UUID.nameUUIDFromBytes(("alert:" + firstDetectionId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    public static Alert open(String episodeKey, String county, Detection d, Instant now) {
        return new Alert(alertId(d.detectionId()), episodeKey, AlertStatus.OPEN, d.severity(), d.severity().ordinal(),
                d.certainty(), county, d.region(), List.of(d.region()), d.substance(), d.substanceName(),
                d.substanceClass(), d.rule().family(), List.of(d.rule().name()), sourceTypes(List.of(), d),
                d.summary(), d.windowStart(), d.windowEnd(), now, now, now, null, 1, 0);
    }

    /** The alert after a further detection of its episode, and whether that was an escalation. */
    public static Change update(Alert a, Detection d, Instant now) {
        var severity = a.severity().max(d.severity());
        var escalated = severity.compareTo(a.severity()) > 0;
        // the newest detection speaks for the alert unless it is less severe than what was already known
        var summary = d.severity().compareTo(a.severity()) >= 0 ? d.summary() : a.summary();
        // an escalation needs a person's attention again, even if the alert was acknowledged
        var status = escalated && a.status() == AlertStatus.ACKNOWLEDGED ? AlertStatus.OPEN : a.status();
        var updated = new Alert(a.alertId(), a.episodeKey(), status, severity, severity.ordinal(),
                a.certainty().max(d.certainty()), a.county(), a.region(), union(a.regions(), d.region()),
                a.substance() != null ? a.substance() : d.substance(),
                a.substanceName() != null ? a.substanceName() : d.substanceName(),
                a.substanceClass() != null ? a.substanceClass() : d.substanceClass(),
                a.ruleFamily(), union(a.rules(), d.rule().name()), sourceTypes(a.sourceTypes(), d), summary,
                min(a.windowStart(), d.windowStart()), max(a.windowEnd(), d.windowEnd()),
                a.openedAt(), now, now, null, a.sequence() + 1, a.version());
        return new Change(updated, escalated ? AlertEvent.Type.ESCALATED : AlertEvent.Type.UPDATED);
    }

    /** A person's (or the auto-resolver's) change of status. */
    public static Alert withStatus(Alert a, AlertStatus status, Instant now) {
        return new Alert(a.alertId(), a.episodeKey(), status, a.severity(), a.severityRank(), a.certainty(), a.county(),
                a.region(), a.regions(), a.substance(), a.substanceName(), a.substanceClass(), a.ruleFamily(), a.rules(),
                a.sourceTypes(), a.summary(), a.windowStart(), a.windowEnd(), a.openedAt(), now, a.lastDetectedAt(),
                status.active() ? null : now, a.sequence() + 1, a.version());
    }

    /** The lifecycle event for the alert's latest change, as published on {@code rusvarsel.alerts.v1}. */
    public static AlertEvent event(Alert a, AlertEvent.Type type, List<String> detectionIds, String actor,
                                   String note, Instant now) {
        return new AlertEvent(a.alertId() + ":" + a.sequence(), a.alertId(), a.sequence(), type, a.status(),
                a.severity(), a.certainty(), a.region(), a.substance(), a.substanceClass(), a.ruleFamily(),
                a.rules().stream().map(Rule::valueOf).toList(), detectionIds, a.summary(), actor, note, now);
    }

    /** An updated alert and what kind of change it was. */
    public record Change(Alert alert, AlertEvent.Type type) {
    }

    private static List<String> sourceTypes(List<String> known, Detection d) {
        return union(known, d.sourceTypes().stream().map(SourceType::name).sorted().toArray(String[]::new));
    }

    private static List<String> union(List<String> known, String... more) {
        var all = new LinkedHashSet<>(known);
        all.addAll(List.of(more));
        return new ArrayList<>(all);
    }

    private static Instant min(Instant a, Instant b) {
        return Stream.of(a, b).min(Instant::compareTo).orElseThrow();
    }

    private static Instant max(Instant a, Instant b) {
        return Stream.of(a, b).max(Instant::compareTo).orElseThrow();
    }
}
