package no.rusvarsel.analytics.intake;

import no.rusvarsel.contracts.deadletter.DeadLetter;
import no.rusvarsel.contracts.signal.SignalEnvelope;
import no.rusvarsel.contracts.topic.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;

/**
 * First stage of the analytics topology: reads {@code rusvarsel.signals.v1} as raw bytes so that a
 * record that is not a valid signal envelope is dead-lettered with its reason instead of stopping the
 * service; every valid envelope continues downstream.
 */
public final class SignalIntake {

    private static final Logger LOG = LoggerFactory.getLogger(SignalIntake.class);
    static final String SERVICE = "analytics-service";

    private SignalIntake() {
    }

    /** Wires the intake into {@code builder} and returns the stream of valid signals, keyed by county. */
    public static KStream<String, SignalEnvelope> build(StreamsBuilder builder, Clock clock) {
        KStream<String, Parsed> parsed = builder
                .stream(Topics.SIGNALS.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("signals-raw"))
                .processValues(() -> new Parse(clock));
        parsed.filter((key, p) -> p.deadLetter() != null)
                .mapValues(Parsed::deadLetter)
                .to(Topics.SIGNALS_DLQ.name(), Produced.with(Topics.SIGNALS_DLQ.keySerde(), Topics.SIGNALS_DLQ.valueSerde()));
        return parsed.filter((key, p) -> p.envelope() != null).mapValues(Parsed::envelope);
    }

    /** Either a valid envelope or the dead letter explaining why the record is not one. */
    record Parsed(SignalEnvelope envelope, DeadLetter deadLetter) {
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
                    context.forward(record.withValue(new Parsed(envelope, null)));
                    return;
                }
            } catch (RuntimeException e) {
                reason = "value is not a signal envelope";
                failure = e;
            }
            var meta = context.recordMetadata().orElseThrow();
            // the payload may be patient data: log where the record is, never what it holds
            LOG.warn("dead-lettering signal at {}-{}@{}: {}", meta.topic(), meta.partition(), meta.offset(), reason, failure);
            var letter = new DeadLetter(SERVICE, meta.topic(), meta.partition(), meta.offset(), record.key(),
                    record.value() == null ? null : Base64.getEncoder().encodeToString(record.value()), reason,
                    failure == null ? null : rootCause(failure), clock.instant());
            context.forward(record.withValue(new Parsed(null, letter)));
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

        private static String rootCause(Throwable e) {
            var cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            var text = cause.getClass().getSimpleName() + ": " + cause.getMessage();
            return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        }
    }
}
