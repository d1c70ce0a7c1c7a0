package no.rusvarsel.alerts.cap;

import no.rusvarsel.alerts.alert.Alert;
import no.rusvarsel.alerts.alert.AlertEventRecord;
import no.rusvarsel.alerts.alert.Episodes;
import no.rusvarsel.contracts.alert.AlertEvent;
import no.rusvarsel.contracts.alert.AlertStatus;
import no.rusvarsel.contracts.catalogue.SubstanceClass;
import no.rusvarsel.contracts.detection.Certainty;
import no.rusvarsel.contracts.detection.Detection;
import no.rusvarsel.contracts.detection.Rule;
import no.rusvarsel.contracts.detection.Severity;
import no.rusvarsel.contracts.signal.SourceType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Test data: detections, and alerts with their change records, built through the lead's {@link Episodes} rules. */
final class CapFixtures {

    static final Instant T0 = Instant.parse("2025-03-01T10:15:30.123456Z");

    private CapFixtures() {
    }

    static Detection detection(String id, String region, Severity severity, String summary, Instant at) {
        return new Detection(id, Rule.WATCHLIST_SUBSTANCE, severity, Certainty.LIKELY, region, "isotonitazene",
                "Isotonitazene", SubstanceClass.NITAZENE_OPIOID, at.minusSeconds(3600), at,
                List.of("sig-1", "sig-2"), Set.of(SourceType.DRUG_CHECKING, SourceType.SEIZURE), Map.of("observed", 2.0),
                summary, at);
    }

    /** An alert and its change records, replayed as the lifecycle would write them. */
    static final class Story {
        Alert alert;
        final List<AlertEventRecord> events = new ArrayList<>();
        final List<Detection> detections = new ArrayList<>();

        static Story opened(Detection d, String county) {
            var story = new Story();
            story.alert = Episodes.open(county + "|" + d.substance() + "|SUBSTANCE", county, d, d.detectedAt());
            story.detections.add(d);
            story.record(null, AlertEvent.Type.OPENED, null, d.detectedAt());
            return story;
        }

        Story detected(Detection d) {
            var before = alert;
            var change = Episodes.update(alert, d, d.detectedAt());
            alert = change.alert();
            detections.add(d);
            record(before, change.type(), null, d.detectedAt());
            return this;
        }

        Story status(AlertStatus to, AlertEvent.Type type, String note, Instant at) {
            var before = alert;
            alert = Episodes.withStatus(alert, to, at);
            record(before, type, note, at);
            return this;
        }

        CapHistory history() {
            return CapHistory.of(alert, events);
        }

        private void record(Alert from, AlertEvent.Type type, String note, Instant at) {
            var event = Episodes.event(alert, type, List.of(), "system", note, at);
            events.add(new AlertEventRecord((long) events.size() + 1, event.eventId(), alert.alertId(), alert.sequence(),
                    type, from == null ? null : from.status(), alert.status(), from == null ? null : from.severity(),
                    alert.severity(), "system", note, type == AlertEvent.Type.OPENED || type == AlertEvent.Type.ESCALATED,
                    at, event, null));
        }
    }
}
