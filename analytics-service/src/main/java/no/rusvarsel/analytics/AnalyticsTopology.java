package no.rusvarsel.analytics;

import no.rusvarsel.analytics.intake.SignalIntake;
import no.rusvarsel.contracts.signal.SignalEnvelope;
import no.rusvarsel.contracts.topic.Topics;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;

import java.time.Clock;

/** The analytics topology as one plain function: the watchlist as a global table and the signal intake. */
public final class AnalyticsTopology {

    /** Interactive-query name of the watchlist store (substance id → watchlist entry). */
    public static final String WATCHLIST_STORE = "watchlist";

    private AnalyticsTopology() {
    }

    public static KStream<String, SignalEnvelope> build(StreamsBuilder builder, Clock clock) {
        builder.globalTable(Topics.WATCHLIST.name(),
                Consumed.with(Topics.WATCHLIST.keySerde(), Topics.WATCHLIST.valueSerde()),
                Materialized.as(WATCHLIST_STORE));
        return SignalIntake.build(builder, clock);
    }
}
