package no.rusvarsel.analytics;

import no.rusvarsel.analytics.cluster.ClusterState;
import no.rusvarsel.analytics.cluster.CrossSourceProcessor;
import no.rusvarsel.analytics.intake.LatePolicy;
import no.rusvarsel.analytics.intake.SignalIntake;
import no.rusvarsel.analytics.situation.SituationProcessor;
import no.rusvarsel.analytics.situation.SituationSignal;
import no.rusvarsel.analytics.rules.Detections;
import no.rusvarsel.analytics.spike.OverdoseDay;
import no.rusvarsel.analytics.spike.OverdoseSpikeProcessor;
import no.rusvarsel.analytics.spike.SpikeSettings;
import no.rusvarsel.analytics.wastewater.SiteHistory;
import no.rusvarsel.analytics.wastewater.WastewaterRiseProcessor;
import no.rusvarsel.analytics.rules.RuleContext;
import no.rusvarsel.analytics.rules.SignalRules;
import no.rusvarsel.analytics.watchlist.WatchlistStoreUpdater;
import no.rusvarsel.contracts.signal.SignalEnvelope;
import no.rusvarsel.contracts.topic.JsonSerde;
import no.rusvarsel.contracts.topic.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The analytics topology as one plain function: the watchlist as a global store that refreshes the rules'
 * matcher, the signal intake (poison and too-late records dead-lettered), the one-signal rules, the cross-source clusters,
 * overdose spikes and wastewater rises, writing detections keyed by alert episode, and the situation counts the API reads.
 */
public final class AnalyticsTopology {

    /** Interactive-query name of the watchlist store (substance id → watchlist entry). */
    public static final String WATCHLIST_STORE = "watchlist";

    private AnalyticsTopology() {
    }

    public static KStream<String, SignalEnvelope> build(StreamsBuilder builder, RuleContext context) {
        return build(builder, context, SpikeSettings.defaults());
    }

    public static KStream<String, SignalEnvelope> build(StreamsBuilder builder, RuleContext context, SpikeSettings spikes) {
        return build(builder, context, spikes, LatePolicy.defaults());
    }

    public static KStream<String, SignalEnvelope> build(StreamsBuilder builder, RuleContext context, SpikeSettings spikes,
                                                        LatePolicy late) {
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(WATCHLIST_STORE), Serdes.String(),
                        Topics.WATCHLIST.valueSerde()).withLoggingDisabled(),
                Topics.WATCHLIST.name(),
                Consumed.with(Topics.WATCHLIST.keySerde(), Topics.WATCHLIST.valueSerde()).withName("watchlist-source"),
                () -> new WatchlistStoreUpdater(WATCHLIST_STORE, context.watchlist()));
        var signals = SignalIntake.build(builder, context.clock(), late);
        var detections = Produced.with(Topics.DETECTIONS.keySerde(), Topics.DETECTIONS.valueSerde());
        var rules = new SignalRules();
        signals.flatMap((county, signal) -> rules.evaluate(signal, context).stream()
                        .map(d -> KeyValue.pair(Detections.episodeKey(d, context), d)).toList(), Named.as("signal-rules"))
                .to(Topics.DETECTIONS.name(), detections);
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CrossSourceProcessor.STORE),
                Serdes.String(), new JsonSerde<>(ClusterState.class)));
        signals.process(() -> new CrossSourceProcessor(context), Named.as("cross-source-cluster"), CrossSourceProcessor.STORE)
                .to(Topics.DETECTIONS.name(), detections);
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(OverdoseSpikeProcessor.STORE),
                Serdes.String(), new JsonSerde<>(OverdoseDay.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(OverdoseSpikeProcessor.TOTALS_STORE),
                Serdes.String(), Serdes.Long()));
        signals.process(() -> new OverdoseSpikeProcessor(context, spikes), Named.as("overdose-spike"), OverdoseSpikeProcessor.STORE,
                        OverdoseSpikeProcessor.TOTALS_STORE)
                .to(Topics.DETECTIONS.name(), detections);
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(WastewaterRiseProcessor.STORE),
                Serdes.String(), new JsonSerde<>(SiteHistory.class)));
        signals.process(() -> new WastewaterRiseProcessor(context, WastewaterRiseProcessor.Settings.defaults()),
                        Named.as("wastewater-rise"), WastewaterRiseProcessor.STORE)
                .to(Topics.DETECTIONS.name(), detections);
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SituationProcessor.COUNTS_STORE),
                Serdes.String(), Serdes.Long()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SituationProcessor.SIGNALS_STORE),
                Serdes.String(), new JsonSerde<>(SituationSignal.class)));
        signals.process(() -> new SituationProcessor(context, late.grace()), Named.as("situation"),
                SituationProcessor.COUNTS_STORE, SituationProcessor.SIGNALS_STORE, SignalIntake.EVENT_TIME_STORE);
        return signals;
    }
}
