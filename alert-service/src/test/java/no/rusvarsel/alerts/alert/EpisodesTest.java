package no.rusvarsel.alerts.alert;

import no.rusvarsel.contracts.alert.AlertEvent;
import no.rusvarsel.contracts.alert.AlertStatus;
import no.rusvarsel.contracts.detection.Certainty;
import no.rusvarsel.contracts.detection.EpisodeKey;
import no.rusvarsel.contracts.detection.Rule;
import no.rusvarsel.contracts.detection.Severity;
import no.rusvarsel.contracts.signal.SourceType;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class EpisodesTest {

    private static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");

    @Test
    void shouldOpenAnAlertWithTheDetectionsSeverityRegionAndADeterministicId() {
        var d = Detections.nitazene("0301", Rule.WATCHLIST_SUBSTANCE, Severity.HIGH, Certainty.POSSIBLE, SourceType.SEIZURE);

        var alert = Episodes.open(EpisodeKey.of("03", d), "03", d, NOW);

        assertThat(alert.alertId()).isEqualTo(Episodes.alertId(d.detectionId())).isEqualTo(Episodes.open("k", "03", d, NOW).alertId());
        assertThat(alert.status()).isEqualTo(AlertStatus.OPEN);
        assertThat(alert.severity()).isEqualTo(Severity.HIGH);
        assertThat(alert.episodeKey()).isEqualTo("03|isotonitazene|SUBSTANCE");
        assertThat(alert.regions()).containsExactly("0301");
        assertThat(alert.sequence()).isEqualTo(1);
    }

    @Test
    void shouldEscalateWhenALaterDetectionIsMoreSevereAndCombineItsEvidence() {
        var first = Detections.nitazene("0301", Rule.WATCHLIST_SUBSTANCE, Severity.HIGH, Certainty.POSSIBLE, SourceType.SEIZURE);
        var second = Detections.nitazene("03", Rule.CROSS_SOURCE_CLUSTER, Severity.CRITICAL, Certainty.LIKELY, SourceType.PATIENT_EVENT);
        var alert = Episodes.open("k", "03", first, NOW);

        var change = Episodes.update(alert, second, NOW.plusSeconds(60));

        assertThat(change.type()).isEqualTo(AlertEvent.Type.ESCALATED);
        assertThat(change.alert().severity()).isEqualTo(Severity.CRITICAL);
        assertThat(change.alert().certainty()).isEqualTo(Certainty.LIKELY);
        assertThat(change.alert().rules()).containsExactly("WATCHLIST_SUBSTANCE", "CROSS_SOURCE_CLUSTER");
        assertThat(change.alert().sourceTypes()).containsExactly("SEIZURE", "PATIENT_EVENT");
        assertThat(change.alert().regions()).containsExactly("0301", "03");
        assertThat(change.alert().summary()).isEqualTo(second.summary());
        assertThat(change.alert().sequence()).isEqualTo(2);
    }

    @Test
    void shouldNeverLowerSeverityOrReplaceTheSummaryWithALessSevereDetection() {
        var first = Detections.nitazene("0301", Rule.WATCHLIST_SUBSTANCE, Severity.CRITICAL, Certainty.OBSERVED, SourceType.DRUG_CHECKING);
        var weaker = Detections.nitazene("0301", Rule.WATCHLIST_SUBSTANCE, Severity.HIGH, Certainty.POSSIBLE, SourceType.WASTEWATER);
        var alert = Episodes.open("k", "03", first, NOW);

        var change = Episodes.update(alert, weaker, NOW.plusSeconds(60));

        assertThat(change.type()).isEqualTo(AlertEvent.Type.UPDATED);
        assertThat(change.alert().severity()).isEqualTo(Severity.CRITICAL);
        assertThat(change.alert().certainty()).isEqualTo(Certainty.OBSERVED);
        assertThat(change.alert().summary()).isEqualTo(first.summary());
    }

    @Test
    void shouldReopenAnAcknowledgedAlertWhenItEscalates() {
        var first = Detections.nitazene("0301", Rule.WATCHLIST_SUBSTANCE, Severity.HIGH, Certainty.POSSIBLE, SourceType.SEIZURE);
        var acknowledged = Episodes.withStatus(Episodes.open("k", "03", first, NOW), AlertStatus.ACKNOWLEDGED, NOW);

        var escalated = Episodes.update(acknowledged, Detections.critical("0301"), NOW.plusSeconds(60));
        var updated = Episodes.update(acknowledged,
                Detections.nitazene("0301", Rule.WATCHLIST_SUBSTANCE, Severity.HIGH, Certainty.POSSIBLE, SourceType.SEIZURE), NOW);

        assertThat(escalated.alert().status()).isEqualTo(AlertStatus.OPEN);
        assertThat(updated.alert().status()).isEqualTo(AlertStatus.ACKNOWLEDGED);
    }

    @Test
    void shouldKeyAnEpisodeByCountySubjectAndRuleFamily() {
        var substance = Detections.critical("0301");
        var spike = new no.rusvarsel.contracts.detection.Detection("d", Rule.OVERDOSE_SPIKE, Severity.HIGH, Certainty.LIKELY, "46",
                null, null, null, NOW, NOW, java.util.List.of(), java.util.Set.of(SourceType.PATIENT_EVENT),
                java.util.Map.of(), "spike", NOW);

        assertThat(EpisodeKey.of("03", substance)).isEqualTo("03|isotonitazene|SUBSTANCE");
        assertThat(EpisodeKey.of("46", spike)).isEqualTo("46|-|TREND");
    }

    @Test
    void shouldCloseTheAlertWhenResolvedAndNumberEveryChange() {
        var alert = Episodes.open("k", "03", Detections.critical("0301"), NOW);

        var resolved = Episodes.withStatus(alert, AlertStatus.RESOLVED, NOW.plusSeconds(5));
        var event = Episodes.event(resolved, AlertEvent.Type.RESOLVED, java.util.List.of(), "ola", "handled", NOW);

        assertThat(resolved.closedAt()).isEqualTo(NOW.plusSeconds(5));
        assertThat(event.eventId()).isEqualTo(alert.alertId() + ":2");
        assertThat(event.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(event.rules()).containsExactly(Rule.WATCHLIST_SUBSTANCE);
    }
}
