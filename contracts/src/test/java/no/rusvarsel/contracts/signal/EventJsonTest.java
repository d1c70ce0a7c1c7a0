package no.rusvarsel.contracts.signal;

import no.rusvarsel.contracts.alert.AlertEvent;
import no.rusvarsel.contracts.alert.AlertStatus;
import no.rusvarsel.contracts.catalogue.Hazard;
import no.rusvarsel.contracts.catalogue.Substance;
import no.rusvarsel.contracts.catalogue.SubstanceClass;
import no.rusvarsel.contracts.deadletter.DeadLetter;
import no.rusvarsel.contracts.detection.Certainty;
import no.rusvarsel.contracts.detection.Detection;
import no.rusvarsel.contracts.detection.Rule;
import no.rusvarsel.contracts.detection.Severity;
import no.rusvarsel.contracts.topic.Topic;
import no.rusvarsel.contracts.topic.Topics;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class EventJsonTest {

    private static <V> V roundTrip(Topic<String, V> topic, V value) {
        var bytes = topic.valueSerde().serializer().serialize(topic.name(), value);
        return topic.valueSerde().deserializer().deserialize(topic.name(), bytes);
    }

    @Test
    void shouldRoundTripADetection() {
        var detection = new Detection("det-1", Rule.CROSS_SOURCE_CLUSTER, Severity.CRITICAL, Certainty.LIKELY, "03",
                "isotonitazene", "Isotonitazene", SubstanceClass.NITAZENE_OPIOID,
                Instant.parse("2025-03-01T00:00:00Z"), Instant.parse("2025-03-08T00:00:00Z"),
                List.of("s-1", "s-2"), Set.of(SourceType.DRUG_CHECKING, SourceType.PATIENT_EVENT),
                Map.of("sourceTypes", 2.0), "Isotonitazene seen by drug checking and patient events in Oslo within 7 days.",
                Instant.parse("2025-03-05T10:00:00Z"));

        assertThat(roundTrip(Topics.DETECTIONS, detection)).isEqualTo(detection);
    }

    @Test
    void shouldRoundTripAnAlertEvent() {
        var event = new AlertEvent("a-1:3", "a-1", 3, AlertEvent.Type.ACKNOWLEDGED, AlertStatus.ACKNOWLEDGED,
                Severity.HIGH, Certainty.OBSERVED, "46", "xylazine", SubstanceClass.VETERINARY_SEDATIVE,
                Rule.Family.SUBSTANCE, List.of(Rule.WATCHLIST_SUBSTANCE), List.of(), "Xylazine found in Vestland.",
                "operator-1", "informed the municipality", Instant.parse("2025-03-05T10:00:00Z"));

        assertThat(roundTrip(Topics.ALERTS, event)).isEqualTo(event);
    }

    @Test
    void shouldWriteTheWatchlistClassAsClass() {
        var entry = new Substance("xylazine", "Xylazine", SubstanceClass.VETERINARY_SEDATIVE, Hazard.CRITICAL,
                List.of("xylazin"), List.of("4-hydroxy-xylazine"), null);

        var json = new String(Topics.WATCHLIST.valueSerde().serializer().serialize("w", entry), StandardCharsets.UTF_8);

        assertThat(json).contains("\"class\":\"VETERINARY_SEDATIVE\"");
        assertThat(roundTrip(Topics.WATCHLIST, entry)).isEqualTo(entry);
    }

    @Test
    void shouldRoundTripADeadLetter() {
        var letter = new DeadLetter("analytics-service", "rusvarsel.signals.v1", 2, 41L, "03", "e25vdA==",
                "value is not a signal envelope", "SerializationException: …", Instant.parse("2025-03-05T10:00:00Z"));

        assertThat(roundTrip(Topics.SIGNALS_DLQ, letter)).isEqualTo(letter);
    }
}
