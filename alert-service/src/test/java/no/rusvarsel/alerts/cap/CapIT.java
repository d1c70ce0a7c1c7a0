package no.rusvarsel.alerts.cap;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import no.rusvarsel.alerts.alert.AlertLifecycle;
import no.rusvarsel.contracts.catalogue.SubstanceClass;
import no.rusvarsel.contracts.detection.Certainty;
import no.rusvarsel.contracts.detection.Detection;
import no.rusvarsel.contracts.detection.Rule;
import no.rusvarsel.contracts.detection.Severity;
import no.rusvarsel.contracts.signal.SourceType;
import no.rusvarsel.infra.DevTokens;
import no.rusvarsel.infra.RealInfraProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.w3c.dom.Document;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static no.rusvarsel.alerts.cap.CapSchema.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CapIT implements RealInfraProperties {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    AlertLifecycle lifecycle;

    @Override
    public String databaseName() {
        return "alerts_cap_it";
    }

    @Test
    void shouldIssueAlertThenUpdateThenCancelAsTheAlertEscalatesAndResolves() {
        // Given a HIGH watch-list detection in Oslo
        var substance = "isotonitazene-" + UUID.randomUUID();
        var alertId = lifecycle.apply(detection(substance, Severity.HIGH)).orElseThrow().alertId();

        // When its CAP document is fetched
        var first = cap(alertId);

        // Then it is a valid first Alert about Oslo, and the feed lists the alert
        assertThat(text(first, "msgType")).isEqualTo("Alert");
        assertThat(text(first, "identifier")).isEqualTo("urn:rusvarsel:alert:" + alertId + ":1");
        assertThat(text(first, "references")).isNull();
        assertThat(text(first, "severity")).isEqualTo("Severe");
        assertThat(CapSchema.pairs(first, "geocode")).containsExactly("SSB-kommunenummer=0301", "SSB-fylkesnummer=03");
        assertThat(feedEntryIds()).contains("urn:rusvarsel:alert:" + alertId);

        // When a CRITICAL detection of the same substance escalates it
        lifecycle.apply(detection(substance, Severity.CRITICAL));
        var update = cap(alertId);

        // Then the document is an Update referencing the first message exactly
        assertThat(text(update, "msgType")).isEqualTo("Update");
        assertThat(text(update, "identifier")).isEqualTo("urn:rusvarsel:alert:" + alertId + ":2");
        assertThat(text(update, "references"))
                .isEqualTo(text(first, "sender") + "," + text(first, "identifier") + "," + text(first, "sent"));
        assertThat(text(update, "severity")).isEqualTo("Extreme");

        // When an operator resolves it
        lifecycle.resolve(alertId, "test-operator", "Batch withdrawn");
        var cancel = cap(alertId);

        // Then the document cancels both earlier messages, and the feed no longer lists the alert
        assertThat(text(cancel, "msgType")).isEqualTo("Cancel");
        assertThat(text(cancel, "references").split(" ")).hasSize(2)
                .contains(text(update, "sender") + "," + text(update, "identifier") + "," + text(update, "sent"));
        assertThat(text(cancel, "note")).isEqualTo("Batch withdrawn");
        assertThat(feedEntryIds()).doesNotContain("urn:rusvarsel:alert:" + alertId);
    }

    @Test
    void shouldServeTheFeedRatherThanAnAlertNamedFeedAtom() {
        // Given an analyst's token
        // When the feed is fetched
        var response = http.toBlocking().exchange(HttpRequest.GET("/api/v1/alerts/feed.atom")
                .bearerAuth(DevTokens.forTest("ANALYST")), byte[].class);

        // Then the literal route answered with an Atom feed, not the alert lookup
        assertThat(response.getStatus().getCode()).isEqualTo(200);
        assertThat(response.getContentType().orElseThrow().getName()).isEqualTo("application/atom+xml");
        assertThat(CapSchema.parse(response.body()).getDocumentElement().getLocalName()).isEqualTo("feed");
    }

    @Test
    void shouldRefuseCapAndFeedWithoutAToken() {
        // Given no token
        // When / Then both are refused with 401
        for (var path : List.of("/api/v1/alerts/feed.atom", "/api/v1/alerts/" + UUID.randomUUID() + "/cap")) {
            assertThatThrownBy(() -> http.toBlocking().exchange(HttpRequest.GET(path), byte[].class))
                    .isInstanceOfSatisfying(HttpClientResponseException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(401));
        }
    }

    @Test
    void shouldAnswerNotFoundForAnUnknownAlert() {
        // Given / When / Then an unknown alert id is 404
        assertThatThrownBy(() -> http.toBlocking().exchange(HttpRequest.GET("/api/v1/alerts/" + UUID.randomUUID() + "/cap")
                .bearerAuth(DevTokens.forTest("ANALYST")), byte[].class))
                .isInstanceOfSatisfying(HttpClientResponseException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(404));
    }

    @Test
    void shouldServePlainXmlToAClientThatAcceptsOnlyThat() {
        // Given an alert and a client accepting only application/xml
        var alertId = lifecycle.apply(detection("mdmb-" + UUID.randomUUID(), Severity.MODERATE)).orElseThrow().alertId();

        // When its CAP document is fetched
        var response = http.toBlocking().exchange(HttpRequest.GET("/api/v1/alerts/" + alertId + "/cap")
                .accept("application/xml").bearerAuth(DevTokens.forTest("OPERATOR")), byte[].class);

        // Then it is the same valid CAP document labelled application/xml
        assertThat(response.getContentType().orElseThrow().getName()).isEqualTo("application/xml");
        assertThat(text(CapSchema.validCap(response.body()), "msgType")).isEqualTo("Alert");
    }

    /** The alert's CAP document over HTTP as an analyst, checked against the schema. */
    private Document cap(String alertId) {
        HttpResponse<byte[]> response = http.toBlocking().exchange(HttpRequest.GET("/api/v1/alerts/" + alertId + "/cap")
                .bearerAuth(DevTokens.forTest("ANALYST")), byte[].class);
        assertThat(response.getStatus().getCode()).isEqualTo(200);
        assertThat(response.getContentType().orElseThrow().getName()).isEqualTo("application/cap+xml");
        return CapSchema.validCap(response.body());
    }

    private List<String> feedEntryIds() {
        var body = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/alerts/feed.atom")
                .bearerAuth(DevTokens.forTest("ANALYST")), byte[].class);
        return CapSchema.elements(CapSchema.parse(body), "entry").stream()
                .map(e -> e.getElementsByTagNameNS(AtomFeedWriter.NAMESPACE, "id").item(0).getTextContent())
                .toList();
    }

    private static Detection detection(String substance, Severity severity) {
        var now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new Detection("det-" + UUID.randomUUID(), Rule.WATCHLIST_SUBSTANCE, severity, Certainty.LIKELY, "0301",
                substance, "Isotonitazene", SubstanceClass.NITAZENE_OPIOID, now.minusSeconds(3600), now,
                List.of("sig-" + UUID.randomUUID()), Set.of(SourceType.DRUG_CHECKING), Map.of("observed", 1.0),
                "Isotonitazene found in a tablet sold as oxycodone (Tøyen) & more", now);
    }
}
