package no.rusvarsel.analytics.cluster;

import no.rusvarsel.analytics.rules.RuleContext;
import no.rusvarsel.analytics.rules.StatefulRuleProcessor;
import no.rusvarsel.analytics.rules.Sightings;
import no.rusvarsel.contracts.detection.Detection;
import no.rusvarsel.contracts.signal.SignalEnvelope;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Feeds each signal's watched sightings into the cross-source state of its county. Signals are partitioned
 * by county, so every (county, subject) state lives on the partition that receives its signals: no repartition.
 */
public final class CrossSourceProcessor extends StatefulRuleProcessor<ClusterState> {

    public static final String STORE = "cross-source-clusters";

    public CrossSourceProcessor(RuleContext rules) {
        super(rules, STORE);
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
                    emit(record, result.detection());
                }
            }
        }));
    }
}
