package no.rusvarsel.alerts.delivery.email;

import no.rusvarsel.alerts.delivery.message.AlertData;
import no.rusvarsel.alerts.delivery.message.AlertEnvelope;
import no.rusvarsel.contracts.alert.AlertStatus;
import no.rusvarsel.contracts.catalogue.SubstanceClass;
import no.rusvarsel.contracts.detection.Certainty;
import no.rusvarsel.contracts.detection.Rule;
import no.rusvarsel.contracts.detection.Severity;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AlertMailTest {

    private static final Instant T = Instant.parse("2026-11-20T09:15:00Z");

    private static AlertEnvelope message(String change, String summary) {
        var oslo = new AlertData.RegionRef("0301", "Oslo");
        var evidence = new AlertData.Evidence("det-1", Rule.WATCHLIST_SUBSTANCE, Severity.CRITICAL, Certainty.OBSERVED, oslo,
                List.of("DRUG_CHECKING"), "Found <b>in</b> a tablet sold as oxycodone", T, T, T.plusSeconds(86_400),
                List.of("sig-1"), Map.of("observed", 1.0));
        var data = new AlertData("a-1", "a-1:1", 1, change, AlertStatus.OPEN, Severity.CRITICAL, Certainty.OBSERVED, summary,
                oslo, new AlertData.RegionRef("03", "Oslo"), List.of(oslo), "isotonitazene", "Isotonitazene",
                SubstanceClass.NITAZENE_OPIOID, Rule.Family.SUBSTANCE, List.of("WATCHLIST_SUBSTANCE"), List.of("DRUG_CHECKING"),
                T, T.plusSeconds(86_400), T, T, List.of(evidence), 1,
                new AlertData.Links("https://api/a-1", "https://api/a-1/cap", "https://dash/#/alerts/a-1"));
        return new AlertEnvelope("alert." + change.toLowerCase(), T, data);
    }

    @Test
    void shouldRenderSummarySeverityRegionSubstanceEvidenceAndLinks() {
        // When a new alert is rendered
        var mail = AlertMail.alert(message("OPENED", "Isotonitazene found in Oslo."), "Oslo nitazenes");

        // Then subject and both bodies carry what an analyst needs
        assertThat(mail.subject()).isEqualTo("[Rusvarsel] CRITICAL: Isotonitazene in Oslo");
        for (var body : List.of(mail.text(), mail.html())) {
            assertThat(body).contains("Isotonitazene found in Oslo.", "CRITICAL", "OBSERVED", "Oslo (0301)", "Isotonitazene",
                    "NITAZENE_OPIOID", "DRUG_CHECKING", "2026-11-20 10:15", "https://dash/#/alerts/a-1", "https://api/a-1/cap",
                    "Oslo nitazenes");
        }
    }

    @Test
    void shouldSayWhenAnAlertEscalated() {
        var mail = AlertMail.alert(message("ESCALATED", "s"), "n");

        assertThat(mail.subject()).startsWith("[Rusvarsel] Escalated to CRITICAL");
        assertThat(mail.text()).startsWith("Alert escalated to CRITICAL");
    }

    @Test
    void shouldEscapeEveryTextInTheHtmlBody() {
        // Given text with markup in the summary, the evidence and the subscription name
        var mail = AlertMail.alert(message("OPENED", "<script>alert('x')</script> & more"), "<img src=x onerror=y>");

        // Then the HTML body shows it as text, never as markup
        assertThat(mail.html()).doesNotContain("<script>", "<b>in</b>", "<img")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more", "Found &lt;b&gt;in&lt;/b&gt;",
                        "&lt;img src=x onerror=y&gt;");
        assertThat(mail.text()).contains("<script>alert('x')</script> & more");
    }

    @Test
    void shouldKeepTheSubjectOnOneLine() {
        var mail = AlertMail.alert(message("OPENED", "s"), "n");

        assertThat(mail.subject()).doesNotContain("\n", "\r");
    }

    @Test
    void shouldAcceptOnePlainAddressOnly() {
        assertThat(EmailAddresses.problem("analyst@example.org")).isEmpty();
        assertThat(EmailAddresses.problem("first.last+tag@fhi.no")).isEmpty();
        assertThat(EmailAddresses.problem("not-an-address")).isPresent();
        assertThat(EmailAddresses.problem("a@b.org, c@d.org")).isPresent();
        assertThat(EmailAddresses.problem("Name <a@b.org>")).isPresent();
        assertThat(EmailAddresses.problem("a@localhost")).isPresent();
        assertThat(EmailAddresses.problem("")).isPresent();
    }
}
