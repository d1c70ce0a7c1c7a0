package no.rusvarsel.analytics.cluster;

import no.rusvarsel.analytics.rules.Detections;
import no.rusvarsel.analytics.rules.RuleContext;
import no.rusvarsel.analytics.rules.Sightings;
import no.rusvarsel.contracts.detection.Detection;
import no.rusvarsel.contracts.signal.SignalEnvelope;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Feeds each signal's watched sightings into the cross-source state of its county. Signals are partitioned
 * by county, so every (county, subject) state lives on the partition that receives its signals: no repartition.
 */
public final class CrossSourceProcessor implements Processor<String, SignalEnvelope, String, Detection> {

    public static final String STORE = "cross-source-clusters";

    private final RuleContext rules;
    private ProcessorContext<String, Detection> context;
    private KeyValueStore<String, ClusterState> store;

    public CrossSourceProcessor(RuleContext rules) {
        this.rules = rules;
    }

    @Override
    public void init(ProcessorContext<String, Detection> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, SignalEnvelope> record) {
        var signal = record.value();
        Sightings.of(signal).forEach((name, certainty) -> rules.match(name).filter(s -> s.hazard().watched()).ifPresent(substance -> {
            var sighting = new ClusterState.Sighting(signal.signalId(), signal.version(), signal.sourceType(), signal.observedAt(),
                    certainty, substance.name());
            for (var key : CrossSourceCluster.keys(signal.county(), substance)) {
                var state = store.get(key);
                var result = CrossSourceCluster.add(state == null ? new ClusterState(null, null) : state, key, sighting, signal,
                        substance, rules);
                store.put(key, result.state());
                if (result.detection() != null) {
                    context.forward(record.withKey(Detections.episodeKey(result.detection(), rules)).withValue(result.detection()));
                }
            }
        }));
    }
}
