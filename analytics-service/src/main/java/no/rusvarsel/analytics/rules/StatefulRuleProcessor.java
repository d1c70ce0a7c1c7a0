package no.rusvarsel.analytics.rules;

import no.rusvarsel.contracts.detection.Detection;
import no.rusvarsel.contracts.signal.SignalEnvelope;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.LinkedHashMap;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A rule that remembers per county (signals arrive partitioned by county, so its state needs no repartition)
 * and emits detections keyed by their alert episode; a correction takes its older version's traces back.
 *
 * @param <S> the state kept per store key
 */
public abstract class StatefulRuleProcessor<S> implements Processor<String, SignalEnvelope, String, Detection> {

    protected final RuleContext rules;
    private final String storeName;
    private ProcessorContext<String, Detection> context;
    protected KeyValueStore<String, S> store;

    protected StatefulRuleProcessor(RuleContext rules, String storeName) {
        this.rules = rules;
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<String, Detection> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
    }

    /**
     * For a correction: applies {@code retract} to every state of the signal's county (store keys {@code county|…})
     * except the {@code kept} keys the new version itself updates, so that what the correction no longer says (a
     * substance dropped, a site changed) stops counting. A first version has nothing to take back.
     *
     * @param retract the state without the signal's older versions; the same instance when it held none
     */
    protected void retractElsewhere(SignalEnvelope signal, Set<String> kept, UnaryOperator<S> retract) {
        if (signal.version() <= 1) {
            return;
        }
        var changed = new LinkedHashMap<String, S>();
        try (var range = store.range(signal.county() + "|", signal.county() + "|\uffff")) {
            range.forEachRemaining(kv -> {
                if (!kept.contains(kv.key)) {
                    var after = retract.apply(kv.value);
                    if (after != kv.value) {
                        changed.put(kv.key, after);
                    }
                }
            });
        }
        changed.forEach(store::put);
    }

    protected void emit(Record<String, SignalEnvelope> cause, Detection detection) {
        context.forward(cause.withKey(Detections.episodeKey(detection, rules)).withValue(detection));
    }
}
