package no.rusvarsel.analytics;

import io.micronaut.configuration.kafka.streams.ConfiguredStreamBuilder;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import no.rusvarsel.contracts.signal.SignalEnvelope;
import org.apache.kafka.streams.kstream.KStream;

import no.rusvarsel.analytics.watchlist.WatchlistSeeder;

import java.time.Clock;
import java.util.concurrent.ExecutionException;

/** Wires {@link AnalyticsTopology} into Micronaut's Kafka Streams instance. */
@Factory
public class AnalyticsStreamsFactory {

    @Singleton
    KStream<String, SignalEnvelope> analytics(ConfiguredStreamBuilder builder, WatchlistSeeder seeder)
            throws ExecutionException, InterruptedException {
        // the global watchlist store needs its topic before the streams start
        seeder.ensureTopicsAndSeed();
        return AnalyticsTopology.build(builder, Clock.systemUTC());
    }
}
