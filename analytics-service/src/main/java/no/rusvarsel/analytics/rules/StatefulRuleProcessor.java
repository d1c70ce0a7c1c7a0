package no.rusvarsel.analytics.rules;

import no.rusvarsel.contracts.detection.Detection;
import no.rusvarsel.contracts.signal.SignalEnvelope;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A rule that remembers per county (signals arrive partitioned by county, so its state needs no repartition)
 * and emits detections keyed by their alert episode.
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

    protected void emit(Record<String, SignalEnvelope> cause, Detection detection) {
        context.forward(cause.withKey(Detections.episodeKey(detection, rules)).withValue(detection));
    }
}
