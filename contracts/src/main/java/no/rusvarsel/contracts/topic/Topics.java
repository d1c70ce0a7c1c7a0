package no.rusvarsel.contracts.topic;

import no.rusvarsel.contracts.alert.AlertEvent;
import no.rusvarsel.contracts.catalogue.Substance;
import no.rusvarsel.contracts.deadletter.DeadLetter;
import no.rusvarsel.contracts.detection.Detection;
import no.rusvarsel.contracts.signal.SignalEnvelope;
import org.apache.kafka.common.serialization.Serdes;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The one registry of Rusvarsel's Kafka topics: names, serdes, partitions, retention and compaction. */
public final class Topics {

    private static final int PARTITIONS = 6;

    private Topics() {
    }

    /**
     * Accepted signal versions, keyed by county so the analytics aggregates per county without a
     * repartition. Kept for 400 days: baselines and replays need more than a year of history.
     */
    public static final Topic<String, SignalEnvelope> SIGNALS = new Topic<>("rusvarsel.signals.v1",
            Serdes.String(), new JsonSerde<>(SignalEnvelope.class), PARTITIONS,
            Map.of("cleanup.policy", "delete", "retention.ms", millis(Duration.ofDays(400))));

    /** The watchlist, keyed by substance id; compacted, a null value deletes the entry. */
    public static final Topic<String, Substance> WATCHLIST = new Topic<>("rusvarsel.watchlist.v1",
            Serdes.String(), new JsonSerde<>(Substance.class), 1,
            Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", millis(Duration.ofMinutes(1))));

    /** Rule detections, keyed by the alert episode key (county|substance or class|rule family). */
    public static final Topic<String, Detection> DETECTIONS = new Topic<>("rusvarsel.detections.v1",
            Serdes.String(), new JsonSerde<>(Detection.class), PARTITIONS,
            Map.of("cleanup.policy", "delete", "retention.ms", millis(Duration.ofDays(90))));

    /** Alert lifecycle events for other systems, keyed by alert id. */
    public static final Topic<String, AlertEvent> ALERTS = new Topic<>("rusvarsel.alerts.v1",
            Serdes.String(), new JsonSerde<>(AlertEvent.class), PARTITIONS,
            Map.of("cleanup.policy", "delete", "retention.ms", millis(Duration.ofDays(400))));

    /** Signals the analytics could not read or process, with the reason. */
    public static final Topic<String, DeadLetter> SIGNALS_DLQ = deadLetters("rusvarsel.signals.dlq.v1");

    /** Detections the alert-service could not process, with the reason. */
    public static final Topic<String, DeadLetter> DETECTIONS_DLQ = deadLetters("rusvarsel.detections.dlq.v1");

    /** Every topic, in creation order. */
    public static List<Topic<?, ?>> all() {
        return List.of(SIGNALS, WATCHLIST, DETECTIONS, ALERTS, SIGNALS_DLQ, DETECTIONS_DLQ);
    }

    private static Topic<String, DeadLetter> deadLetters(String name) {
        return new Topic<>(name, Serdes.String(), new JsonSerde<>(DeadLetter.class), 1,
                Map.of("cleanup.policy", "delete", "retention.ms", millis(Duration.ofDays(30))));
    }

    private static String millis(Duration d) {
        return Long.toString(d.toMillis());
    }
}
