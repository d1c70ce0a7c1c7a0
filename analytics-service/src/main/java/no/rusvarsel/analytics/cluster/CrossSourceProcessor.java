package no.rusvarsel.analytics.cluster;

import no.rusvarsel.analytics.rules.RuleContext;
import no.rusvarsel.analytics.rules.StatefulRuleProcessor;
import no.rusvarsel.analytics.rules.Sightings;
import no.rusvarsel.contracts.detection.Detection;
import no.rusvarsel.contracts.signal.SignalEnvelope;
import no.rusvarsel.contracts.catalogue.Substance;
import no.rusvarsel.contracts.detection.Certainty;
import org.apache.kafka.streams.processor.api.Record;

import java.util.HashSet;
import java.util.LinkedHashMap;

/**
 * Feeds each signal's watched sightings into the cross-source state of its county. Signals are partitioned
 * by county, so every (county, subject) state lives on the partition that receives its signals: no repartition. A
 * correction replaces its signal's sightings, and takes back those of substances it no longer reports.
 */
public final class CrossSourceProcessor extends StatefulRuleProcessor<ClusterState> {

    public static final String STORE = "cross-source-clusters";

    public CrossSourceProcessor(RuleContext rules) {
        super(rules, STORE);
    }

    @Override
    public void process(Record<String, SignalEnvelope> record) {
        var signal = record.value();
        var watched = new LinkedHashMap<Substance, Certainty>();
        Sightings.of(signal).forEach((name, certainty) -> rules.match(name).filter(s -> s.hazard().watched())
                .ifPresent(substance -> watched.merge(substance, certainty, Certainty::max)));
        var touched = new HashSet<String>();
        watched.keySet().forEach(substance -> touched.addAll(CrossSourceCluster.keys(signal.county(), substance)));
        // a correction that no longer reports a substance takes its sighting back: it must not corroborate anything
        retractElsewhere(signal, touched, state -> state.withoutOlder(signal.signalId(), signal.version()));
        watched.forEach((substance, certainty) -> {
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
        });
    }
}
