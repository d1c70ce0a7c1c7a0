package no.rusvarsel.bench.loadgen;

import no.rusvarsel.analytics.AnalyticsTopology;
import no.rusvarsel.analytics.intake.LatePolicy;
import no.rusvarsel.analytics.rules.RuleContext;
import no.rusvarsel.analytics.spike.SpikeSettings;
import no.rusvarsel.analytics.watchlist.Watchlist;
import no.rusvarsel.contracts.catalogue.RegionCatalogue;
import no.rusvarsel.contracts.catalogue.SubstanceCatalogue;
import no.rusvarsel.contracts.detection.Detection;
import no.rusvarsel.contracts.signal.ObservedAt;
import no.rusvarsel.contracts.signal.ObservedSubstance;
import no.rusvarsel.contracts.signal.SignalEnvelope;
import no.rusvarsel.contracts.signal.SignalIds;
import no.rusvarsel.contracts.topic.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generator's promises, judged by the real analytics topology (TopologyTestDriver, shipped settings and catalogues):
 * every injected event raises the detections its ground truth names, at least as severe, in its county, and the quiet
 * counties raise none at all.
 */
class DetectionQualityTest {

    private static final RegionCatalogue REGIONS = RegionCatalogue.defaultCatalogue();
    private static final SubstanceCatalogue SUBSTANCES = SubstanceCatalogue.defaultCatalogue();
    private static final LocalDate START = LocalDate.of(2025, 2, 3);
    private static final int DAYS = 42;

    @Test
    void shouldRaiseEveryExpectedDetectionOfTheInjectedEventsAndNoneInTheQuietCounties() throws Exception {
        // Given six weeks of every county at a modest scale with one event of every kind
        var generator = new LoadGenerator(Scenario.of(START, DAYS).withScale(100).withStandardInjections(REGIONS));
        var truth = generator.groundTruth();
        var now = ObservedAt.parse(START.plusDays(DAYS).toString());

        List<Detection> detections;
        var stateDir = Files.createTempDirectory(Files.isWritable(Path.of("/dev/shm")) ? Path.of("/dev/shm") : Path.of(System.getProperty("java.io.tmpdir")),
                "loadgen-topology");
        try (var driver = driver(now, stateDir)) {
            var input = driver.createInputTopic(Topics.SIGNALS.name(), Serdes.String().serializer(), Topics.SIGNALS.valueSerde().serializer());
            var output = driver.createOutputTopic(Topics.DETECTIONS.name(), Serdes.String().deserializer(),
                    Topics.DETECTIONS.valueSerde().deserializer());

            // When it arrives in the generator's order, as ingest would write it
            generator.stream().forEach(s -> {
                var envelope = envelope(s, now);
                input.pipeInput(envelope.county(), envelope, envelope.observedAt());
            });
            detections = output.readValuesToList();
        }

        // Then each event's expected rules fired in its county, at least as severe as promised, after it began
        for (var event : truth.events()) {
            var inCounty = detections.stream().filter(d -> county(d).equals(event.county())).toList();
            for (var expected : event.expected()) {
                assertThat(inCounty).as("%s of %s in %s (detections there: %s)", expected.rule(), event.kind(), event.county(),
                                inCounty.stream().map(d -> d.rule() + "/" + d.severity() + "/" + d.substance()).toList())
                        .anySatisfy(d -> {
                            assertThat(d.rule()).isEqualTo(expected.rule());
                            assertThat(d.severity()).isGreaterThanOrEqualTo(expected.minSeverity());
                            assertThat(d.windowEnd()).isAfter(Instant.parse(event.firstEventAt()));
                        });
            }
        }
        // And the quiet counties stayed quiet
        assertThat(detections).filteredOn(d -> truth.quietCounties().contains(county(d)))
                .as("false alerts in quiet counties").isEmpty();
    }

    private static String county(Detection d) {
        return REGIONS.countyOf(d.region()).orElse(d.region());
    }

    private static TopologyTestDriver driver(Instant now, Path stateDir) {
        var context = new RuleContext(new Watchlist(SUBSTANCES), REGIONS, Clock.fixed(now, ZoneOffset.UTC));
        var builder = new StreamsBuilder();
        AnalyticsTopology.build(builder, context, SpikeSettings.defaults(), LatePolicy.defaults());
        var props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "loadgen-detection-quality");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        return new TopologyTestDriver(builder.build(), props);
    }

    /** The envelope ingest would publish for a first submission (version 1), substances matched with the catalogue. */
    private static SignalEnvelope envelope(GeneratedSignal s, Instant now) {
        var payload = s.payload();
        var county = REGIONS.countyOf(payload.region()).orElseThrow();
        var provider = "dev-" + s.provider();
        return new SignalEnvelope(SignalIds.of(provider, s.sourceType(), payload.externalId()), 1, provider, s.sourceType(),
                payload.externalId(), payload.region(), county, ObservedAt.parse(payload.observedAt()), now, "h1",
                payload.reportedSubstances().stream().map(n -> ObservedSubstance.of(n, SUBSTANCES.match(n))).toList(), payload);
    }
}
