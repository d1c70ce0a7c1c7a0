package no.rusvarsel.alerts.alert;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import no.rusvarsel.contracts.alert.AlertEvent;
import no.rusvarsel.contracts.alert.AlertStatus;
import no.rusvarsel.contracts.catalogue.RegionCatalogue;
import no.rusvarsel.contracts.detection.Detection;
import no.rusvarsel.contracts.detection.EpisodeKey;
import no.rusvarsel.support.problem.ApiException;
import no.rusvarsel.support.problem.FieldError;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The alert lifecycle: detections open and update episodes, people acknowledge, resolve and dismiss them.
 * Each change, its audit event and its queued notifications commit in one transaction together with the
 * processed detection id, so a redelivered detection changes nothing.
 */
@Singleton
public class AlertLifecycle {

    public static final String SYSTEM = "system";

    private final AlertRepository alerts;
    private final AlertDetectionRepository detections;
    private final AlertEventRepository events;
    private final ProcessedDetectionRepository processed;
    private final Collection<AlertNotifier> notifiers;
    private final RegionCatalogue regions;
    private final Clock clock;
    private final ApplicationEventPublisher<AlertEventRecorded> recorded;

    public AlertLifecycle(AlertRepository alerts, AlertDetectionRepository detections, AlertEventRepository events,
                          ProcessedDetectionRepository processed, Collection<AlertNotifier> notifiers,
                          RegionCatalogue regions, Clock clock, ApplicationEventPublisher<AlertEventRecorded> recorded) {
        this.alerts = alerts;
        this.detections = detections;
        this.events = events;
        this.processed = processed;
        this.notifiers = notifiers;
        this.regions = regions;
        this.clock = clock;
        this.recorded = recorded;
    }

    /** Applies a detection; empty when it had already been processed. */
    @Transactional
    public Optional<AlertEvent> apply(Detection d) {
        if (processed.record(d.detectionId()) == 0) {
            return Optional.empty();
        }
        var county = regions.countyOf(d.region()).orElseThrow(
                () -> new IllegalArgumentException("unknown region " + d.region()));
        var key = EpisodeKey.of(county, d);
        var now = clock.instant();
        var active = alerts.findActiveForUpdate(key);
        Alert alert;
        AlertEvent.Type type;
        if (active.isEmpty()) {
            alert = alerts.save(Episodes.open(key, county, d, now));
            type = AlertEvent.Type.OPENED;
        } else {
            var change = Episodes.update(active.get(), d, now);
            alert = alerts.update(change.alert());
            type = change.type();
        }
        detections.save(new AlertDetectionRecord(d.detectionId(), alert.alertId(), d.rule(), d.severity(), d.detectedAt(), d));
        var from = active.orElse(null);
        return Optional.of(record(from, alert, type, List.of(d.detectionId()), SYSTEM, null));
    }

    @Transactional
    public Alert acknowledge(String alertId, String actor, String note) {
        return change(alertId, AlertStatus.ACKNOWLEDGED, AlertEvent.Type.ACKNOWLEDGED, actor, note, List.of(AlertStatus.OPEN));
    }

    @Transactional
    public Alert resolve(String alertId, String actor, String note) {
        return change(alertId, AlertStatus.RESOLVED, AlertEvent.Type.RESOLVED, actor, note,
                List.of(AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED));
    }

    @Transactional
    public Alert dismiss(String alertId, String actor, String reason) {
        if (reason == null || reason.isBlank()) {
            throw ApiException.invalid("a dismissal needs a reason",
                    List.of(new FieldError(0, "note", "must give the reason for dismissing the alert")));
        }
        return change(alertId, AlertStatus.DISMISSED, AlertEvent.Type.DISMISSED, actor, reason,
                List.of(AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED));
    }

    /** Resolves one active alert that has been quiet since before {@code cutoff}; false when none is left. */
    @Transactional
    public boolean autoResolveOne(java.time.Instant cutoff, String note) {
        var quiet = alerts.findQuietSince(cutoff, 1);
        if (quiet.isEmpty()) {
            return false;
        }
        var locked = alerts.findForUpdate(quiet.get(0).alertId()).orElseThrow();
        if (!locked.status().active() || !locked.lastDetectedAt().isBefore(cutoff)) {
            return true;
        }
        var resolved = alerts.update(Episodes.withStatus(locked, AlertStatus.RESOLVED, clock.instant()));
        record(locked, resolved, AlertEvent.Type.RESOLVED, List.of(), SYSTEM, note);
        return true;
    }

    private Alert change(String alertId, AlertStatus to, AlertEvent.Type type, String actor, String note,
                         List<AlertStatus> allowedFrom) {
        var alert = alerts.findForUpdate(alertId).orElseThrow(() -> ApiException.notFound("no alert " + alertId));
        if (!allowedFrom.contains(alert.status())) {
            throw new ApiException(HttpStatus.CONFLICT, "alert-status-conflict", "Alert cannot make that change",
                    "alert " + alertId + " is " + alert.status() + "; " + type.name().toLowerCase() + " needs one of " + allowedFrom,
                    null, null);
        }
        var changed = alerts.update(Episodes.withStatus(alert, to, clock.instant()));
        record(alert, changed, type, List.of(), actor, note == null || note.isBlank() ? null : note.strip());
        return changed;
    }

    private AlertEvent record(Alert from, Alert to, AlertEvent.Type type, List<String> detectionIds, String actor,
                              String note) {
        var now = clock.instant();
        var event = Episodes.event(to, type, detectionIds, actor, note, now);
        var notified = type == AlertEvent.Type.OPENED || type == AlertEvent.Type.ESCALATED;
        events.lockEventOrder();
        events.save(new AlertEventRecord(null, event.eventId(), to.alertId(), to.sequence(), type,
                from == null ? null : from.status(), to.status(), from == null ? null : from.severity(), to.severity(),
                actor, note, notified, now, event, null));
        if (notified) {
            notifiers.forEach(n -> n.notify(to, event));
        }
        recorded.publishEvent(new AlertEventRecorded(notified));
        return event;
    }
}
