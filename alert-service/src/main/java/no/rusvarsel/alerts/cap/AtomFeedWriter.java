package no.rusvarsel.alerts.cap;

import no.rusvarsel.alerts.alert.Alert;
import no.rusvarsel.contracts.catalogue.RegionCatalogue;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** Writes the Atom feed (RFC 4287) of active alerts, newest first, each entry linking its CAP document. */
public final class AtomFeedWriter {

    public static final String NAMESPACE = "http://www.w3.org/2005/Atom";
    public static final String FEED_ID = "urn:rusvarsel:alerts:feed";

    private final CapSettings settings;
    private final RegionCatalogue regions;
    private final CapWording wording;

    public AtomFeedWriter(CapSettings settings, RegionCatalogue regions) {
        this.settings = settings;
        this.regions = regions;
        this.wording = new CapWording(settings.language());
    }

    /**
     * @param alerts the alerts to list, in any order
     * @param now    the feed's updated time when there are no entries
     */
    public byte[] write(List<Alert> alerts, Instant now) {
        var sorted = alerts.stream()
                .sorted(Comparator.comparing(Alert::updatedAt).reversed().thenComparing(Alert::alertId))
                .toList();
        var updated = sorted.isEmpty() ? now : sorted.get(0).updatedAt();
        var xml = new XmlOut(NAMESPACE, "feed");
        xml.text("id", FEED_ID)
                .text("title", wording.feedTitle())
                .text("updated", time(updated))
                .empty("link", "rel", "self", "type", CapMediaTypes.ATOM, "href", settings.feedLink())
                .start("author").text("name", settings.senderName()).end()
                .text("generator", "Rusvarsel");
        for (var alert : sorted) {
            entry(xml, alert);
        }
        return xml.finish();
    }

    private void entry(XmlOut xml, Alert alert) {
        var area = CapArea.of(alert, regions);
        xml.start("entry")
                .text("id", "urn:rusvarsel:alert:" + alert.alertId())
                .text("title", wording.headline(alert, area.description()))
                .text("updated", time(alert.updatedAt()))
                .text("published", time(alert.openedAt()))
                .start("author").text("name", settings.senderName()).end()
                .empty("category", "scheme", "urn:rusvarsel:severity", "term", alert.severity().name())
                .empty("link", "rel", "alternate", "type", CapMediaTypes.CAP, "href", settings.capLink(alert.alertId()))
                .empty("link", "rel", "related", "type", "text/html", "href", settings.dashboardLink(alert.alertId()))
                .text("summary", alert.summary())
                .end();
    }

    private String time(Instant instant) {
        return CapTimes.atom(instant, settings.zone());
    }
}
