package no.rusvarsel.alerts.cap;

import no.rusvarsel.alerts.alert.Alert;
import no.rusvarsel.contracts.catalogue.RegionCatalogue;
import no.rusvarsel.contracts.detection.Detection;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** Writes the CAP 1.2 message for an alert's current state (one info block, one area) as UTF-8 XML. */
public final class CapWriter {

    public static final String NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2";
    /** The most recent detections listed as evidence in the description. */
    static final int MAX_EVIDENCE_LINES = 20;

    private static final DateTimeFormatter EVIDENCE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm");

    private final CapSettings settings;
    private final RegionCatalogue regions;
    private final CapWording wording;

    public CapWriter(CapSettings settings, RegionCatalogue regions) {
        this.settings = settings;
        this.regions = regions;
        this.wording = new CapWording(settings.language());
    }

    /**
     * @param alert      the alert's current state
     * @param history    its issued messages; the current one is this document
     * @param detections the detections behind it, in any order
     */
    public byte[] write(Alert alert, CapHistory history, List<Detection> detections) {
        var current = history.current();
        var area = CapArea.of(alert, regions);
        var xml = new XmlOut(NAMESPACE, "alert");
        xml.text("identifier", current.identifier())
                .text("sender", settings.sender())
                .text("sent", time(current.sent()))
                .text("status", "Actual")
                .text("msgType", CapMapping.msgType(alert.status(), history.firstMessage()))
                .text("scope", settings.scope().name())
                .text("restriction", settings.scope() == CapSettings.Scope.Restricted ? settings.restriction() : null)
                .text("note", alert.status().active() ? null : blankToNull(current.note()))
                .text("references", references(history))
                .text("incidents", "urn:rusvarsel:alert:" + alert.alertId());
        info(xml, alert, current, area, detections);
        return xml.finish();
    }

    private void info(XmlOut xml, Alert alert, CapHistory.Message current, CapArea area, List<Detection> detections) {
        xml.start("info")
                .text("language", settings.language())
                .text("category", "Health")
                .text("event", wording.event(alert));
        CapMapping.responseTypes(alert.severity(), alert.status()).forEach(t -> xml.text("responseType", t));
        xml.text("urgency", CapMapping.urgency(alert.severity(), alert.status()))
                .text("severity", CapMapping.severity(alert.severity()))
                .text("certainty", CapMapping.certainty(alert.certainty()))
                .text("effective", time(current.sent()))
                .text("onset", time(alert.windowStart()))
                .text("senderName", settings.senderName())
                .text("headline", wording.headline(alert, area.description()))
                .text("description", description(alert, detections))
                .text("instruction", wording.instruction(alert))
                .text("web", settings.dashboardLink(alert.alertId()));
        parameter(xml, "alertId", alert.alertId());
        alert.rules().forEach(rule -> parameter(xml, "rule", rule));
        parameter(xml, "ruleFamily", alert.ruleFamily().name());
        parameter(xml, "substance", alert.substance());
        parameter(xml, "substanceName", alert.substanceName());
        parameter(xml, "substanceClass", alert.substanceClass() == null ? null : alert.substanceClass().name());
        parameter(xml, "sourceTypes", alert.sourceTypes().isEmpty() ? null : String.join(" ", alert.sourceTypes()));
        parameter(xml, "rusvarselSeverity", alert.severity().name());
        parameter(xml, "rusvarselCertainty", alert.certainty().name());
        parameter(xml, "alertStatus", alert.status().name());
        xml.start("area").text("areaDesc", area.description());
        area.geocodes().forEach(g -> xml.start("geocode").text("valueName", g.valueName()).text("value", g.value()).end());
        xml.end().end();
    }

    private static void parameter(XmlOut xml, String name, String value) {
        if (value != null && !value.isBlank()) {
            xml.start("parameter").text("valueName", name).text("value", value).end();
        }
    }

    /** The alert's summary, then one line per detection (most recent {@value #MAX_EVIDENCE_LINES}, oldest first). */
    private String description(Alert alert, List<Detection> detections) {
        var text = new StringBuilder(alert.summary());
        if (!detections.isEmpty()) {
            var sorted = detections.stream().sorted(Comparator.comparing(Detection::detectedAt)).toList();
            var shown = sorted.subList(Math.max(0, sorted.size() - MAX_EVIDENCE_LINES), sorted.size());
            text.append("\n\n").append(wording.evidenceHeading());
            for (var d : shown) {
                text.append("\n- ").append(EVIDENCE_TIME.format(d.detectedAt().atZone(settings.zone())))
                        .append(" · ").append(d.rule().name())
                        .append(" · ").append(wording.severity(d.severity()))
                        .append(" · ").append(d.sourceTypes().stream().map(Enum::name).sorted().collect(Collectors.joining(", ")))
                        .append(" · ").append(wording.signals(d.evidence().size()))
                        .append(": ").append(d.summary());
            }
        }
        return text.toString();
    }

    /** The earlier messages as space-separated {@code sender,identifier,sent} triples; null when there are none. */
    private String references(CapHistory history) {
        if (history.earlier().isEmpty()) {
            return null;
        }
        return history.earlier().stream()
                .map(m -> settings.sender() + "," + m.identifier() + "," + time(m.sent()))
                .collect(Collectors.joining(" "));
    }

    private String time(Instant instant) {
        return CapTimes.cap(instant, settings.zone());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
