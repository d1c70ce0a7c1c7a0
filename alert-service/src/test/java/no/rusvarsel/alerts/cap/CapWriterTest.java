package no.rusvarsel.alerts.cap;

import no.rusvarsel.contracts.alert.AlertEvent;
import no.rusvarsel.contracts.alert.AlertStatus;
import no.rusvarsel.contracts.catalogue.RegionCatalogue;
import no.rusvarsel.contracts.detection.Severity;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;

import static no.rusvarsel.alerts.cap.CapFixtures.T0;
import static no.rusvarsel.alerts.cap.CapFixtures.detection;
import static no.rusvarsel.alerts.cap.CapSchema.pairs;
import static no.rusvarsel.alerts.cap.CapSchema.text;
import static no.rusvarsel.alerts.cap.CapSchema.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CapWriterTest {

    private static final RegionCatalogue REGIONS = RegionCatalogue.defaultCatalogue();
    private static final String ALERT_ID_PATTERN = "urn:rusvarsel:alert:[0-9a-f-]{36}:";

    private final CapWriter writer = new CapWriter(CapSettings.defaults(), REGIONS);

    private Document cap(CapFixtures.Story story) {
        return CapSchema.validCap(writer.write(story.alert, story.history(), story.detections));
    }

    @Test
    void shouldIssueAlertMessageForANewAlert() {
        // Given a new HIGH alert about isotonitazene in Oslo
        var story = CapFixtures.Story.opened(detection("d1", "0301", Severity.HIGH, "Isotonitazene sold as oxycodone", T0), "03");

        // When its CAP document is written
        var doc = cap(story);

        // Then it is the first, restricted, actual Health message with no references
        assertThat(text(doc, "identifier")).matches(ALERT_ID_PATTERN + "1");
        assertThat(text(doc, "sender")).isEqualTo("rusvarsel@rusvarsel.no");
        assertThat(text(doc, "sent")).isEqualTo("2025-03-01T11:15:30+01:00");
        assertThat(text(doc, "status")).isEqualTo("Actual");
        assertThat(text(doc, "msgType")).isEqualTo("Alert");
        assertThat(text(doc, "scope")).isEqualTo("Restricted");
        assertThat(text(doc, "restriction")).isEqualTo("Public-health professionals");
        assertThat(text(doc, "references")).isNull();
        assertThat(text(doc, "category")).isEqualTo("Health");
        assertThat(text(doc, "event")).isEqualTo("Dangerous drug: Isotonitazene");
        assertThat(texts(doc, "responseType")).containsExactly("Monitor");
        assertThat(text(doc, "urgency")).isEqualTo("Expected");
        assertThat(text(doc, "severity")).isEqualTo("Severe");
        assertThat(text(doc, "certainty")).isEqualTo("Likely");
        assertThat(text(doc, "headline")).isEqualTo("High: Dangerous drug: Isotonitazene – Oslo");
        assertThat(text(doc, "description")).startsWith("Isotonitazene sold as oxycodone\n\nEvidence:\n- 2025-03-01 11:15 · WATCHLIST_SUBSTANCE");
        assertThat(text(doc, "instruction")).contains("naloxone");
        assertThat(text(doc, "web")).isEqualTo("http://localhost:8083/#/alerts/" + story.alert.alertId());
        assertThat(pairs(doc, "parameter")).contains("rule=WATCHLIST_SUBSTANCE", "substance=isotonitazene",
                "substanceClass=NITAZENE_OPIOID", "sourceTypes=DRUG_CHECKING SEIZURE");
    }

    @Test
    void shouldIssueUpdateReferencingEarlierMessagesAfterEscalation() {
        // Given an alert opened at HIGH, updated at HIGH and escalated to CRITICAL
        var story = CapFixtures.Story.opened(detection("d1", "0301", Severity.HIGH, "first", T0), "03")
                .detected(detection("d2", "0301", Severity.HIGH, "second", T0.plusSeconds(600)))
                .detected(detection("d3", "0301", Severity.CRITICAL, "third", T0.plusSeconds(1200)));

        // When its CAP document is written
        var doc = cap(story);

        // Then it is an Update referencing both earlier messages as sender,identifier,sent triples
        var id = story.alert.alertId();
        assertThat(text(doc, "msgType")).isEqualTo("Update");
        assertThat(text(doc, "identifier")).isEqualTo("urn:rusvarsel:alert:" + id + ":3");
        assertThat(text(doc, "references")).isEqualTo(
                "rusvarsel@rusvarsel.no,urn:rusvarsel:alert:" + id + ":1,2025-03-01T11:15:30+01:00 "
                        + "rusvarsel@rusvarsel.no,urn:rusvarsel:alert:" + id + ":2,2025-03-01T11:25:30+01:00");
        assertThat(text(doc, "severity")).isEqualTo("Extreme");
        assertThat(text(doc, "urgency")).isEqualTo("Immediate");
        assertThat(texts(doc, "responseType")).containsExactly("Assess");
        assertThat(text(doc, "description")).contains("third").contains("first");
    }

    @Test
    void shouldKeepTheSameMessageAcrossAnAcknowledgement() {
        // Given a new alert that an operator then acknowledged
        var story = CapFixtures.Story.opened(detection("d1", "0301", Severity.HIGH, "first", T0), "03")
                .status(AlertStatus.ACKNOWLEDGED, AlertEvent.Type.ACKNOWLEDGED, "seen", T0.plusSeconds(60));

        // When its CAP document is written
        var doc = cap(story);

        // Then the acknowledgement issued no new message: it is still the first Alert
        assertThat(text(doc, "identifier")).endsWith(":1");
        assertThat(text(doc, "msgType")).isEqualTo("Alert");
        assertThat(text(doc, "sent")).isEqualTo("2025-03-01T11:15:30+01:00");
    }

    @Test
    void shouldCancelCapMessageWhenAlertResolved() {
        // Given an acknowledged alert that was then resolved with a note
        var story = CapFixtures.Story.opened(detection("d1", "0301", Severity.HIGH, "first", T0), "03")
                .status(AlertStatus.ACKNOWLEDGED, AlertEvent.Type.ACKNOWLEDGED, null, T0.plusSeconds(60))
                .status(AlertStatus.RESOLVED, AlertEvent.Type.RESOLVED, "Batch seized", T0.plusSeconds(7200));

        // When its CAP document is written
        var doc = cap(story);

        // Then it cancels the earlier message with an all-clear
        assertThat(text(doc, "msgType")).isEqualTo("Cancel");
        assertThat(text(doc, "identifier")).endsWith(":3");
        assertThat(text(doc, "sent")).isEqualTo("2025-03-01T13:15:30+01:00");
        assertThat(text(doc, "references")).endsWith(":1,2025-03-01T11:15:30+01:00").doesNotContain(":2,");
        assertThat(text(doc, "note")).isEqualTo("Batch seized");
        assertThat(texts(doc, "responseType")).containsExactly("AllClear");
        assertThat(text(doc, "urgency")).isEqualTo("Past");
        assertThat(text(doc, "headline")).startsWith("Resolved: ");
    }

    @Test
    void shouldCancelCapMessageWhenAlertDismissed() {
        // Given an alert dismissed as a false positive
        var story = CapFixtures.Story.opened(detection("d1", "0301", Severity.MODERATE, "first", T0), "03")
                .status(AlertStatus.DISMISSED, AlertEvent.Type.DISMISSED, "Lab error", T0.plusSeconds(300));

        // When its CAP document is written
        var doc = cap(story);

        // Then it cancels the earlier message and recommends no action
        assertThat(text(doc, "msgType")).isEqualTo("Cancel");
        assertThat(text(doc, "references")).contains(":1,");
        assertThat(text(doc, "note")).isEqualTo("Lab error");
        assertThat(texts(doc, "responseType")).containsExactly("None");
        assertThat(text(doc, "headline")).startsWith("Dismissed: ");
    }

    @Test
    void shouldGeocodeMunicipalityAndItsCounty() {
        // Given an alert from Bergen, later also seen in Vestland county as a whole
        var story = CapFixtures.Story.opened(detection("d1", "4601", Severity.LOW, "first", T0), "46")
                .detected(detection("d2", "46", Severity.LOW, "second", T0.plusSeconds(60)));

        // When its CAP document is written
        var doc = cap(story);

        // Then the area names both and geocodes the municipality and the county
        assertThat(text(doc, "areaDesc")).isEqualTo("Bergen, Vestland");
        assertThat(pairs(doc, "geocode")).containsExactly("SSB-kommunenummer=4601", "SSB-fylkesnummer=46");
    }

    @Test
    void shouldGeocodeACountyAlert() {
        // Given an alert about a whole county
        var story = CapFixtures.Story.opened(detection("d1", "50", Severity.INFO, "first", T0), "50");

        // When its CAP document is written
        var doc = cap(story);

        // Then the area is the county alone
        assertThat(text(doc, "areaDesc")).isEqualTo("Trøndelag");
        assertThat(pairs(doc, "geocode")).containsExactly("SSB-fylkesnummer=50");
        assertThat(text(doc, "severity")).isEqualTo("Minor");
        assertThat(text(doc, "urgency")).isEqualTo("Unknown");
    }

    @Test
    void shouldEscapeMarkupAndKeepNonAsciiText() {
        // Given a summary with markup, an ampersand, Norwegian letters and a control character
        var summary = "Pills <b>\"M30\"</b> & powder in Tøyen/Grünerløkka, 5 på én dag\u0001";
        var story = CapFixtures.Story.opened(detection("d1", "0301", Severity.HIGH, summary, T0), "03");

        // When its CAP document is written
        var bytes = writer.write(story.alert, story.history(), story.detections);
        var doc = CapSchema.validCap(bytes);

        // Then the text survives intact (minus the character XML cannot carry) and no markup leaked
        var expected = "Pills <b>\"M30\"</b> & powder in Tøyen/Grünerløkka, 5 på én dag";
        assertThat(text(doc, "description")).startsWith(expected + "\n");
        assertThat(CapSchema.elements(doc, "b")).isEmpty();
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("&lt;b&gt;").contains("&amp; powder").contains("Tøyen");
    }

    @Test
    void shouldWriteNorwegianWhenConfigured() {
        // Given Norwegian as the configured language and UTC as the zone
        var d = CapSettings.defaults();
        var norwegian = new CapWriter(new CapSettings(d.sender(), "Rusvarsel", d.scope(), d.restriction(), "no",
                ZoneId.of("UTC"), d.dashboardUrl(), d.publicUrl(), d.feedLimit()), REGIONS);
        var story = CapFixtures.Story.opened(detection("d1", "0301", Severity.CRITICAL, "første", T0), "03");

        // When its CAP document is written
        var doc = CapSchema.validCap(norwegian.write(story.alert, story.history(), story.detections));

        // Then the info is Norwegian and UTC times carry the CAP offset -00:00
        assertThat(text(doc, "language")).isEqualTo("no");
        assertThat(text(doc, "event")).isEqualTo("Farlig rusmiddel: Isotonitazene");
        assertThat(text(doc, "headline")).startsWith("Kritisk: ");
        assertThat(text(doc, "sent")).isEqualTo("2025-03-01T10:15:30-00:00");
    }

    @Test
    void shouldRefuseSettingsCapCannotCarry() {
        // Given / When / Then a Restricted scope without a restriction, or a sender with a comma, is refused
        var d = CapSettings.defaults();
        assertThatThrownBy(() -> new CapSettings(d.sender(), d.senderName(), CapSettings.Scope.Restricted, " ",
                d.language(), d.zone(), d.dashboardUrl(), d.publicUrl(), d.feedLimit()))
                .hasMessageContaining("restriction");
        assertThatThrownBy(() -> new CapSettings("a,b", d.senderName(), d.scope(), d.restriction(),
                d.language(), d.zone(), d.dashboardUrl(), d.publicUrl(), d.feedLimit()))
                .hasMessageContaining("sender");
    }

    @Test
    void shouldOmitRestrictionForPublicScope() {
        // Given public scope
        var d = CapSettings.defaults();
        var open = new CapWriter(new CapSettings(d.sender(), d.senderName(), CapSettings.Scope.Public, d.restriction(),
                d.language(), d.zone(), d.dashboardUrl(), d.publicUrl(), d.feedLimit()), REGIONS);
        var story = CapFixtures.Story.opened(detection("d1", "0301", Severity.HIGH, "s", T0), "03");

        // When its CAP document is written
        var doc = CapSchema.validCap(open.write(story.alert, story.history(), story.detections));

        // Then it has no restriction
        assertThat(text(doc, "scope")).isEqualTo("Public");
        assertThat(text(doc, "restriction")).isNull();
    }
}
