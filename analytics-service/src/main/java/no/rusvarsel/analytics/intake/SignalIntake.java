package no.rusvarsel.analytics.intake;

import no.rusvarsel.contracts.deadletter.DeadLetter;
import no.rusvarsel.contracts.signal.SignalEnvelope;
import no.rusvarsel.contracts.topic.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Base64;

/**
 * First stage of the analytics topology: reads {@code rusvarsel.signals.v1} as raw bytes so that a
 * record that is not a valid signal envelope, or that arrives later than the {@link LatePolicy} admits, is
 * dead-lettered with its reason instead of stopping the service or vanishing; every admitted envelope continues downstream.
 */
public final class SignalIntake {

    private static final Logger LOG = LoggerFactory.getLogger(SignalIntake.class);
    static final String SERVICE = "analytics-service";
    /** County → newest admitted {@code observedAt} (epoch milliseconds): the county's event time. */
    public static final String EVENT_TIME_STORE = "county-event-time";

    private SignalIntake() {
    }

    /** Wires the intake into {@code builder} with the default late policy. */
    public static KStream<String, SignalEnvelope> build(StreamsBuilder builder, Clock clock) {
        return build(builder, clock, LatePolicy.defaults());
    }

    /** Wires the intake into {@code builder} and returns the stream of admitted signals, keyed by county. */
    public static KStream<String, SignalEnvelope> build(StreamsBuilder builder, Clock clock, LatePolicy late) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(EVENT_TIME_STORE),
                Serdes.String(), Serdes.Long()));
        KStream<String, Parsed> parsed = builder
                .stream(Topics.SIGNALS.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("signals-raw"))
                .processValues(() -> new Parse(clock), Named.as("signal-parse"))
                .processValues(() -> new LateRecordGate(late, clock), Named.as("late-record-gate"), EVENT_TIME_STORE);
        parsed.filter((key, p) -> p.deadLetter() != null, Named.as("dead-letters"))
                .mapValues(Parsed::deadLetter)
                .to(Topics.SIGNALS_DLQ.name(), Produced.with(Topics.SIGNALS_DLQ.keySerde(), Topics.SIGNALS_DLQ.valueSerde()));
        return parsed.filter((key, p) -> p.envelope() != null, Named.as("admitted")).mapValues(Parsed::envelope);
    }

    /** Either a valid envelope or the dead letter explaining why the record is not one, with the record's bytes. */
    record Parsed(SignalEnvelope envelope, DeadLetter deadLetter, byte[] raw) {

        Parsed deadLettered(DeadLetter letter) {
            return new Parsed(null, letter, raw);
        }
    }

    /** A dead letter for the record at {@code meta}; only where it is is logged, never what it holds (it may be patient data). */
    static DeadLetter deadLetter(RecordMetadata meta, String key, byte[] raw, String reason, Exception failure, Clock clock) {
        LOG.warn("dead-lettering signal at {}-{}@{}: {}", meta.topic(), meta.partition(), meta.offset(), reason, failure);
        return new DeadLetter(SERVICE, meta.topic(), meta.partition(), meta.offset(), key,
                raw == null ? null : Base64.getEncoder().encodeToString(raw), reason,
                failure == null ? null : rootCause(failure), clock.instant());
    }

    private static String rootCause(Throwable e) {
        var cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private static final class Parse implements FixedKeyProcessor<String, byte[], Parsed> {

        private final Clock clock;
        private FixedKeyProcessorContext<String, Parsed> context;

        Parse(Clock clock) {
            this.clock = clock;
        }

        @Override
        public void init(FixedKeyProcessorContext<String, Parsed> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<String, byte[]> record) {
            String reason;
            Exception failure = null;
            try {
                var envelope = record.value() == null ? null
                        : Topics.SIGNALS.valueSerde().deserializer().deserialize(Topics.SIGNALS.name(), record.value());
                reason = envelope == null ? "empty value" : missingField(envelope);
                if (reason == null) {
                    context.forward(record.withValue(new Parsed(envelope, null, record.value())));
                    return;
                }
            } catch (RuntimeException e) {
                reason = "value is not a signal envelope";
                failure = e;
            }
            var letter = deadLetter(context.recordMetadata().orElseThrow(), record.key(), record.value(), reason, failure, clock);
            context.forward(record.withValue(new Parsed(null, letter, record.value())));
        }

        private static String missingField(SignalEnvelope e) {
            if (e.signalId() == null) {
                return "signalId is missing";
            }
            if (e.sourceType() == null) {
                return "sourceType is missing";
            }
            if (e.county() == null) {
                return "county is missing";
            }
            if (e.observedAt() == null) {
                return "observedAt is missing";
            }
            if (e.payload() == null) {
                return "payload is missing";
            }
            return null;
        }
    }
}
