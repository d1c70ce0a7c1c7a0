package no.rusvarsel.analytics;

import no.rusvarsel.analytics.intake.LatePolicy;
import no.rusvarsel.analytics.rules.RuleContext;
import no.rusvarsel.analytics.spike.SpikeSettings;
import no.rusvarsel.analytics.watchlist.Watchlist;
import no.rusvarsel.contracts.catalogue.RegionCatalogue;
import no.rusvarsel.contracts.catalogue.SubstanceCatalogue;
import no.rusvarsel.contracts.deadletter.DeadLetter;
import no.rusvarsel.contracts.detection.Detection;
import no.rusvarsel.contracts.signal.ObservedAt;
import no.rusvarsel.contracts.signal.ObservedSubstance;
import no.rusvarsel.contracts.signal.SignalEnvelope;
import no.rusvarsel.contracts.signal.SignalIds;
import no.rusvarsel.contracts.signal.SignalPayload;
import no.rusvarsel.contracts.topic.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Produced;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;

/** The production topology in a TopologyTestDriver with a fixed clock, the shipped catalogues and typed topics. */
public final class TopologyFixture implements AutoCloseable {

    public static final Instant NOW = Instant.parse("2025-03-05T10:00:00Z");
    public static final String VALID_OUT = "test.valid-signals";
    private static final SubstanceCatalogue CATALOGUE = SubstanceCatalogue.defaultCatalogue();

    public final TopologyTestDriver driver;
    public final RuleContext context;
    public final TestInputTopic<String, SignalEnvelope> signals;
    public final TestOutputTopic<String, Detection> detections;
    public final TestOutputTopic<String, DeadLetter> deadLetters;

    public TopologyFixture() {
        this(SpikeSettings.defaults(), LatePolicy.defaults());
    }

    public TopologyFixture(SpikeSettings spikes, LatePolicy late) {
        context = new RuleContext(new Watchlist(CATALOGUE), RegionCatalogue.defaultCatalogue(), Clock.fixed(NOW, ZoneOffset.UTC));
        var builder = new StreamsBuilder();
        AnalyticsTopology.build(builder, context, spikes, late)
                .to(VALID_OUT, Produced.with(Serdes.String(), Topics.SIGNALS.valueSerde()));
        var props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        // the driver commits (flushes and fsyncs every store) after each record: keep the stores in memory-backed files
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir());
        driver = new TopologyTestDriver(builder.build(), props);
        signals = driver.createInputTopic(Topics.SIGNALS.name(), Serdes.String().serializer(), Topics.SIGNALS.valueSerde().serializer());
        detections = driver.createOutputTopic(Topics.DETECTIONS.name(), Serdes.String().deserializer(),
                Topics.DETECTIONS.valueSerde().deserializer());
        deadLetters = driver.createOutputTopic(Topics.SIGNALS_DLQ.name(), Serdes.String().deserializer(),
                Topics.SIGNALS_DLQ.valueSerde().deserializer());
    }

    private static String stateDir() {
        var shm = java.nio.file.Path.of("/dev/shm");
        try {
            var dir = java.nio.file.Files.isDirectory(shm) && java.nio.file.Files.isWritable(shm)
                    ? java.nio.file.Files.createTempDirectory(shm, "topology-test") : java.nio.file.Files.createTempDirectory("topology-test");
            dir.toFile().deleteOnExit();
            return dir.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** An envelope as ingest would write it: version 1 unless given, substances matched with the shipped catalogue. */
    public static SignalEnvelope envelope(String provider, SignalPayload payload, int version) {
        var region = payload.region();
        var county = RegionCatalogue.defaultCatalogue().countyOf(region).orElseThrow();
        return new SignalEnvelope(SignalIds.of(provider, payload.sourceType(), payload.externalId()), version, provider,
                payload.sourceType(), payload.externalId(), region, county, ObservedAt.parse(payload.observedAt()), NOW, "h" + version,
                payload.reportedSubstances().stream().map(n -> ObservedSubstance.of(n, CATALOGUE.match(n))).toList(), payload);
    }

    /** Sends the envelope keyed by county, with its {@code observedAt} as the record's event time. */
    public void send(SignalEnvelope envelope) {
        signals.pipeInput(envelope.county(), envelope, envelope.observedAt());
    }

    /** The situation counts store as it stands: encoded key → count. */
    public java.util.Map<String, Long> situationCounts() {
        return no.rusvarsel.analytics.situation.LocalSituation.all(
                driver.<String, Long>getKeyValueStore(no.rusvarsel.analytics.situation.SituationProcessor.COUNTS_STORE));
    }

    public List<KeyValue<String, Detection>> detected() {
        return detections.readKeyValuesToList();
    }

    @Override
    public void close() {
        driver.close();
    }
}
