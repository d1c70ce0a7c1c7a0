package no.rusvarsel.alerts.cap;

import no.rusvarsel.alerts.alert.Alert;
import no.rusvarsel.alerts.alert.AlertEventRecord;
import no.rusvarsel.contracts.alert.AlertEvent;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Which CAP messages an alert has issued: one per change that alters what the warning says (opened, updated,
 * escalated, resolved, dismissed, reopened). An acknowledgement is internal workflow and issues none, so the
 * CAP document (and its identifier) stays the same across it.
 *
 * @param current the message describing the alert's current state
 * @param earlier the messages before it, oldest first: the {@code references}
 */
public record CapHistory(Message current, List<Message> earlier) {

    /** One issued message: the alert change it reports. */
    public record Message(String alertId, long sequence, Instant sent, AlertEvent.Type type, String note) {

        /** The CAP {@code identifier}: unique per message, without whitespace, commas, {@code <} or {@code &}. */
        public String identifier() {
            return "urn:rusvarsel:alert:" + alertId + ":" + sequence;
        }
    }

    public CapHistory {
        earlier = List.copyOf(earlier);
    }

    /** Whether a change of this kind issues a CAP message. */
    public static boolean issuesMessage(AlertEvent.Type type) {
        return type != AlertEvent.Type.ACKNOWLEDGED;
    }

    /** The messages of an alert from its change records; the alert itself stands in if it has none yet. */
    public static CapHistory of(Alert alert, List<AlertEventRecord> events) {
        var messages = events.stream()
                .filter(e -> e.alertId().equals(alert.alertId()) && issuesMessage(e.type()))
                .sorted(Comparator.comparingLong(AlertEventRecord::sequence))
                .map(e -> new Message(e.alertId(), e.sequence(), e.occurredAt(), e.type(), e.note()))
                .toList();
        if (messages.isEmpty()) {
            return new CapHistory(new Message(alert.alertId(), alert.sequence(), alert.updatedAt(),
                    AlertEvent.Type.OPENED, null), List.of());
        }
        return new CapHistory(messages.get(messages.size() - 1), messages.subList(0, messages.size() - 1));
    }

    public boolean firstMessage() {
        return earlier.isEmpty();
    }
}
