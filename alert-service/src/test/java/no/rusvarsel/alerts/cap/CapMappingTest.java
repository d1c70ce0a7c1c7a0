package no.rusvarsel.alerts.cap;

import no.rusvarsel.contracts.alert.AlertStatus;
import no.rusvarsel.contracts.detection.Certainty;
import no.rusvarsel.contracts.detection.Severity;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class CapMappingTest {

    @Test
    void shouldMapSeverityOntoCapSeverity() {
        // Given / When / Then each of our severities has its CAP severity
        assertThat(Arrays.stream(Severity.values()).map(CapMapping::severity))
                .containsExactly("Minor", "Minor", "Moderate", "Severe", "Extreme");
    }

    @Test
    void shouldMapSeverityOntoUrgencyWhileActive() {
        // Given / When / Then an active alert's urgency follows its severity
        assertThat(Arrays.stream(Severity.values()).map(s -> CapMapping.urgency(s, AlertStatus.OPEN)))
                .containsExactly("Unknown", "Future", "Future", "Expected", "Immediate");
        assertThat(CapMapping.urgency(Severity.CRITICAL, AlertStatus.ACKNOWLEDGED)).isEqualTo("Immediate");
    }

    @Test
    void shouldGivePastUrgencyOnceAlertIsOver() {
        // Given / When / Then a resolved or dismissed alert needs no more action
        assertThat(CapMapping.urgency(Severity.CRITICAL, AlertStatus.RESOLVED)).isEqualTo("Past");
        assertThat(CapMapping.urgency(Severity.LOW, AlertStatus.DISMISSED)).isEqualTo("Past");
    }

    @Test
    void shouldMapCertaintyOneToOne() {
        // Given / When / Then
        assertThat(Arrays.stream(Certainty.values()).map(CapMapping::certainty))
                .containsExactly("Possible", "Likely", "Observed");
    }

    @Test
    void shouldRecommendAssessOnlyForCriticalAndAllClearOnResolution() {
        // Given / When / Then
        assertThat(CapMapping.responseTypes(Severity.CRITICAL, AlertStatus.OPEN)).containsExactly("Assess");
        assertThat(CapMapping.responseTypes(Severity.HIGH, AlertStatus.ACKNOWLEDGED)).containsExactly("Monitor");
        assertThat(CapMapping.responseTypes(Severity.CRITICAL, AlertStatus.RESOLVED)).containsExactly("AllClear");
        assertThat(CapMapping.responseTypes(Severity.CRITICAL, AlertStatus.DISMISSED)).containsExactly("None");
    }

    @Test
    void shouldChooseMsgTypeFromStatusAndHistory() {
        // Given / When / Then
        assertThat(CapMapping.msgType(AlertStatus.OPEN, true)).isEqualTo("Alert");
        assertThat(CapMapping.msgType(AlertStatus.OPEN, false)).isEqualTo("Update");
        assertThat(CapMapping.msgType(AlertStatus.RESOLVED, false)).isEqualTo("Cancel");
        assertThat(CapMapping.msgType(AlertStatus.DISMISSED, false)).isEqualTo("Cancel");
    }

    @Test
    void shouldFormatCapTimesInWholeSecondsWithOffset() {
        // Given an instant with a fraction of a second
        var instant = Instant.parse("2025-07-01T08:00:00.987Z");

        // When it is formatted for CAP in Oslo (summer time) and in UTC
        // Then there is no fraction, and UTC is written -00:00 as CAP 1.2 requires
        assertThat(CapTimes.cap(instant, ZoneId.of("Europe/Oslo"))).isEqualTo("2025-07-01T10:00:00+02:00");
        assertThat(CapTimes.cap(instant, ZoneId.of("UTC"))).isEqualTo("2025-07-01T08:00:00-00:00");
    }
}
