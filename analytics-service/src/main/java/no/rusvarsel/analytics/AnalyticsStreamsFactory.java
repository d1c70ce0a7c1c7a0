package no.rusvarsel.analytics;

import io.micronaut.configuration.kafka.streams.ConfiguredStreamBuilder;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import no.rusvarsel.contracts.signal.SignalEnvelope;
import org.apache.kafka.streams.kstream.KStream;

import io.micronaut.context.annotation.Value;
import no.rusvarsel.analytics.rules.RuleContext;
import no.rusvarsel.analytics.spike.SpikeSettings;
import no.rusvarsel.analytics.watchlist.Watchlist;
import no.rusvarsel.analytics.watchlist.WatchlistSeeder;
import no.rusvarsel.contracts.catalogue.RegionCatalogue;
import no.rusvarsel.contracts.catalogue.SubstanceCatalogue;

import java.time.Clock;
import java.util.concurrent.ExecutionException;

/** Wires {@link AnalyticsTopology} into Micronaut's Kafka Streams instance, with the rules' context. */
@Factory
public class AnalyticsStreamsFactory {

    @Singleton
    RuleContext ruleContext(@Value("${rusvarsel.catalogue.substances:}") String substances,
                            @Value("${rusvarsel.catalogue.regions:}") String regions) {
        // starts from the shipped (or configured) catalogue; the watchlist topic replaces it as soon as it is read
        return new RuleContext(new Watchlist(SubstanceCatalogue.load(substances)), RegionCatalogue.load(regions), Clock.systemUTC());
    }

    @Singleton
    SpikeSettings spikeSettings(@Value("${rusvarsel.analytics.spike.method:C2}") SpikeSettings.Method method,
                                @Value("${rusvarsel.analytics.spike.alpha:0.001}") double alpha,
                                @Value("${rusvarsel.analytics.spike.baseline:7}") int baseline,
                                @Value("${rusvarsel.analytics.spike.minimum-count:3}") long minimumCount) {
        return new SpikeSettings(method, alpha, baseline, minimumCount);
    }

    @Singleton
    KStream<String, SignalEnvelope> analytics(ConfiguredStreamBuilder builder, WatchlistSeeder seeder, RuleContext context,
                                              SpikeSettings spikes)
            throws ExecutionException, InterruptedException {
        // the global watchlist store needs its topic before the streams start
        seeder.ensureTopicsAndSeed();
        return AnalyticsTopology.build(builder, context, spikes);
    }
}
