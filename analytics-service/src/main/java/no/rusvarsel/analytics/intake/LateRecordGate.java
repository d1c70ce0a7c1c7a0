package no.rusvarsel.analytics.intake;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Clock;
import java.time.Instant;

/**
 * Keeps each county's event time (the newest {@code observedAt} admitted) and turns a signal whose {@code observedAt}
 * lies more than the grace behind it into a counted, dead-lettered record. Out-of-order signals within the grace pass,
 * and count in their own time downstream. Per county (the partition key), so the verdict does not depend on which
 * counties happen to share a partition.
 */
final class LateRecordGate implements FixedKeyProcessor<String, SignalIntake.Parsed, SignalIntake.Parsed> {

    private final LatePolicy policy;
    private final Clock clock;
    private FixedKeyProcessorContext<String, SignalIntake.Parsed> context;
    private KeyValueStore<String, Long> eventTime;

    LateRecordGate(LatePolicy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, SignalIntake.Parsed> context) {
        this.context = context;
        this.eventTime = context.getStateStore(SignalIntake.EVENT_TIME_STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, SignalIntake.Parsed> record) {
        var parsed = record.value();
        var signal = parsed.envelope();
        if (signal == null) {
            context.forward(record);
            return;
        }
        var observed = signal.observedAt().toEpochMilli();
        var newest = eventTime.get(signal.county());
        if (newest != null && observed < newest - policy.grace().toMillis()) {
            policy.lateRecords().increment();
            var reason = "late: observedAt " + signal.observedAt() + " is more than the grace " + policy.grace()
                    + " behind county " + signal.county() + "'s event time " + Instant.ofEpochMilli(newest)
                    + " (signal " + signal.signalId() + " version " + signal.version() + ")";
            var letter = SignalIntake.deadLetter(context.recordMetadata().orElseThrow(), record.key(), parsed.raw(), reason, null, clock);
            context.forward(record.withValue(parsed.deadLettered(letter)));
            return;
        }
        if (newest == null || observed > newest) {
            eventTime.put(signal.county(), observed);
        }
        context.forward(record);
    }
}
