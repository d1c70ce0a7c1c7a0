package no.rusvarsel.alerts.cap;

import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import no.rusvarsel.alerts.alert.AlertDetectionRecord;
import no.rusvarsel.alerts.alert.AlertDetectionRepository;
import no.rusvarsel.alerts.alert.AlertEventRepository;
import no.rusvarsel.alerts.alert.AlertRepository;
import no.rusvarsel.contracts.catalogue.RegionCatalogue;
import no.rusvarsel.support.problem.ApiException;

import java.time.Clock;

/** Reads an alert with its changes and detections from one snapshot and renders its CAP document or the Atom feed. */
@Singleton
public class CapService {

    private final AlertRepository alerts;
    private final AlertEventRepository events;
    private final AlertDetectionRepository detections;
    private final ActiveAlertFeedRepository feed;
    private final CapSettings settings;
    private final CapWriter capWriter;
    private final AtomFeedWriter atomWriter;
    private final Clock clock;

    public CapService(AlertRepository alerts, AlertEventRepository events, AlertDetectionRepository detections,
                      ActiveAlertFeedRepository feed, CapSettings settings, RegionCatalogue regions, Clock clock) {
        this.alerts = alerts;
        this.events = events;
        this.detections = detections;
        this.feed = feed;
        this.settings = settings;
        this.capWriter = new CapWriter(settings, regions);
        this.atomWriter = new AtomFeedWriter(settings, regions);
        this.clock = clock;
    }

    /** The CAP 1.2 document of the alert's current state; 404 for an unknown alert. */
    @Transactional(readOnly = true, isolation = TransactionDefinition.Isolation.REPEATABLE_READ)
    public byte[] cap(String alertId) {
        var alert = alerts.findById(alertId).orElseThrow(() -> ApiException.notFound("no alert " + alertId));
        var history = CapHistory.of(alert, events.findByAlertIdOrderBySequence(alertId));
        var evidence = detections.findByAlertIdOrderByDetectedAt(alertId).stream()
                .map(AlertDetectionRecord::detection).toList();
        return capWriter.write(alert, history, evidence);
    }

    /** The Atom feed of active alerts. */
    @Transactional(readOnly = true)
    public byte[] feed() {
        return atomWriter.write(feed.findActiveNewestFirst(settings.feedLimit()), clock.instant());
    }
}
