package no.rusvarsel.alerts.cap;

import no.rusvarsel.contracts.catalogue.RegionCatalogue;
import no.rusvarsel.contracts.detection.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static no.rusvarsel.alerts.cap.CapFixtures.T0;
import static no.rusvarsel.alerts.cap.CapFixtures.detection;
import static no.rusvarsel.alerts.cap.CapSchema.text;
import static org.assertj.core.api.Assertions.assertThat;

class AtomFeedWriterTest {

    private final AtomFeedWriter writer = new AtomFeedWriter(CapSettings.defaults(), RegionCatalogue.defaultCatalogue());

    @Test
    void shouldListAlertsNewestFirstLinkingTheirCapDocuments() {
        // Given an older alert in Bergen and a newer one in Oslo with markup in its summary
        var older = CapFixtures.Story.opened(detection("d1", "4601", Severity.HIGH, "older", T0), "46").alert;
        var newer = CapFixtures.Story.opened(detection("d2", "0301", Severity.CRITICAL, "newer <x> & ø", T0.plusSeconds(60)), "03").alert;

        // When the feed is written
        var doc = CapSchema.parse(writer.write(List.of(older, newer), T0.plusSeconds(3600)));

        // Then it is an Atom feed with both entries, newest first, each linking its CAP document absolutely
        var feed = doc.getDocumentElement();
        assertThat(feed.getNamespaceURI()).isEqualTo(AtomFeedWriter.NAMESPACE);
        assertThat(feed.getLocalName()).isEqualTo("feed");
        var entries = CapSchema.elements(doc, "entry");
        assertThat(entries).hasSize(2);
        assertThat(child(entries.get(0), "id")).isEqualTo("urn:rusvarsel:alert:" + newer.alertId());
        assertThat(child(entries.get(1), "id")).isEqualTo("urn:rusvarsel:alert:" + older.alertId());
        assertThat(child(entries.get(0), "title")).isEqualTo("Critical: Dangerous drug: Isotonitazene – Oslo");
        assertThat(child(entries.get(0), "summary")).isEqualTo("newer <x> & ø");
        assertThat(child(entries.get(0), "updated")).isEqualTo("2025-03-01T11:16:30+01:00");
        assertThat(child(entries.get(0), "author")).isEqualToIgnoringWhitespace("Rusvarsel early warning");
        var capLink = CapSchema.elements(doc, "link").stream()
                .filter(l -> l.getAttribute("rel").equals("alternate")).findFirst().orElseThrow();
        assertThat(capLink.getAttribute("type")).isEqualTo("application/cap+xml");
        assertThat(capLink.getAttribute("href")).isEqualTo("http://localhost:8083/api/v1/alerts/" + newer.alertId() + "/cap");
        // and the feed has its own id, title, updated (its newest entry) and self link
        assertThat(child(feed, "id")).isEqualTo(AtomFeedWriter.FEED_ID);
        assertThat(child(feed, "title")).isEqualTo("Rusvarsel: active alerts");
        assertThat(child(feed, "updated")).isEqualTo("2025-03-01T11:16:30+01:00");
        var self = CapSchema.elements(doc, "link").stream().filter(l -> l.getAttribute("rel").equals("self")).toList();
        assertThat(self).singleElement().satisfies(l ->
                assertThat(l.getAttribute("href")).isEqualTo("http://localhost:8083/api/v1/alerts/feed.atom"));
    }

    @Test
    void shouldWriteAnEmptyFeedUpdatedNow() {
        // Given no active alerts
        // When the feed is written
        var doc = CapSchema.parse(writer.write(List.of(), T0));

        // Then it has no entries and is updated now
        assertThat(CapSchema.elements(doc, "entry")).isEmpty();
        assertThat(text(doc, "updated")).isEqualTo("2025-03-01T11:15:30+01:00");
    }

    /** Text of an element's direct child with this local name. */
    private static String child(org.w3c.dom.Element parent, String name) {
        for (var n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof org.w3c.dom.Element e && name.equals(e.getLocalName())) {
                return e.getTextContent();
            }
        }
        return null;
    }
}
