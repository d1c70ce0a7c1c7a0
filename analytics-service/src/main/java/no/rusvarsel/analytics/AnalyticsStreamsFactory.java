package no.rusvarsel.analytics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.configuration.kafka.streams.ConfiguredStreamBuilder;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import no.rusvarsel.analytics.intake.LatePolicy;
import no.rusvarsel.analytics.rules.RuleContext;
import no.rusvarsel.analytics.situation.StreamsHost;
import no.rusvarsel.analytics.spike.SpikeSettings;
import no.rusvarsel.analytics.watchlist.Watchlist;
import no.rusvarsel.analytics.watchlist.WatchlistSeeder;
import no.rusvarsel.contracts.catalogue.RegionCatalogue;
import no.rusvarsel.contracts.catalogue.SubstanceCatalogue;
import no.rusvarsel.contracts.signal.SignalEnvelope;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.KStream;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutionException;

/** Wires {@link AnalyticsTopology} into Micronaut's Kafka Streams instance, with the rules' context and settings. */
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
                                @Value("${rusvarsel.analytics.spike.minimum-count:3}") long minimumCount,
                                @Value("${rusvarsel.analytics.spike.poisson-alpha:0.001}") double poissonAlpha) {
        return new SpikeSettings(method, alpha, baseline, minimumCount, poissonAlpha);
    }

    @Singleton
    LatePolicy latePolicy(@Value("${rusvarsel.analytics.late-grace:30d}") String grace, MeterRegistry meters) {
        return LatePolicy.of(duration(grace), meters);
    }

    @Singleton
    KStream<String, SignalEnvelope> analytics(ConfiguredStreamBuilder builder, WatchlistSeeder seeder, RuleContext context,
                                              SpikeSettings spikes, LatePolicy late, StreamsHost host)
            throws ExecutionException, InterruptedException {
        // interactive queries route each county to the instance holding it: announce where this one answers
        host.self().ifPresent(self -> builder.getConfiguration().put(StreamsConfig.APPLICATION_SERVER_CONFIG,
                self.host() + ":" + self.port()));
        // the global watchlist store needs its topic before the streams start
        seeder.ensureTopicsAndSeed();
        return AnalyticsTopology.build(builder, context, spikes, late);
    }

    /** {@code 30d}, {@code 12h} or ISO-8601 ({@code P30D}). */
    static Duration duration(String text) {
        var t = text.trim().toLowerCase(Locale.ROOT);
        if (t.matches("\\d+d")) {
            return Duration.ofDays(Long.parseLong(t.substring(0, t.length() - 1)));
        }
        if (t.matches("\\d+h")) {
            return Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1)));
        }
        return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
    }
}
