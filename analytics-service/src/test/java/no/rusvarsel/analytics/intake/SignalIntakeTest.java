package no.rusvarsel.analytics.intake;

import no.rusvarsel.analytics.AnalyticsTopology;
import no.rusvarsel.analytics.TopologyFixture;
import no.rusvarsel.contracts.catalogue.Hazard;
import no.rusvarsel.contracts.catalogue.Substance;
import no.rusvarsel.contracts.catalogue.SubstanceClass;
import no.rusvarsel.contracts.deadletter.DeadLetter;
import no.rusvarsel.contracts.signal.ObservedAt;
import no.rusvarsel.contracts.signal.SeizureReport;
import no.rusvarsel.contracts.signal.SignalEnvelope;
import no.rusvarsel.contracts.signal.SignalIds;
import no.rusvarsel.contracts.signal.SourceType;
import no.rusvarsel.contracts.topic.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class SignalIntakeTest {

    private static final Instant NOW = Instant.parse("2025-03-05T10:00:00Z");
    private static final String VALID_OUT = TopologyFixture.VALID_OUT;

    private TopologyFixture fixture;
    private TopologyTestDriver driver;

    @BeforeEach
    void setUp() {
        fixture = new TopologyFixture();
        driver = fixture.driver;
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private static SignalEnvelope carfentanilSeizure() {
        var payload = new SeizureReport("s-1", "0301", "2025-03-01", null, SeizureReport.Agency.CUSTOMS,
                List.of(new SeizureReport.Item("carfentanil", 2.0, SeizureReport.Unit.G, null, null)));
        return new SignalEnvelope(SignalIds.of("customs", SourceType.SEIZURE, "s-1"), 1, "customs", SourceType.SEIZURE,
                "s-1", "0301", "03", ObservedAt.parse("2025-03-01"), NOW, "h", List.of(), payload);
    }

    @Test
    void shouldPassAValidSignalOnAndDeadLetterNothing() {
        var raw = driver.createInputTopic(Topics.SIGNALS.name(), Serdes.String().serializer(), Topics.SIGNALS.valueSerde().serializer());
        var valid = driver.createOutputTopic(VALID_OUT, Serdes.String().deserializer(), Topics.SIGNALS.valueSerde().deserializer());
        var dlq = driver.createOutputTopic(Topics.SIGNALS_DLQ.name(), Serdes.String().deserializer(), Topics.SIGNALS_DLQ.valueSerde().deserializer());

        // Given a well-formed carfentanil seizure, When it arrives, Then it continues unchanged
        raw.pipeInput("03", carfentanilSeizure(), Instant.parse("2025-03-01T00:00:00Z"));

        assertThat(valid.readKeyValuesToList()).singleElement().satisfies(kv -> {
            assertThat(kv.key).isEqualTo("03");
            assertThat(kv.value).isEqualTo(carfentanilSeizure());
        });
        assertThat(dlq.isEmpty()).isTrue();
    }

    @Test
    void shouldDeadLetterAPoisonRecordWithItsReasonAndKeepProcessing() {
        var bytes = driver.createInputTopic(Topics.SIGNALS.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
        var raw = driver.createInputTopic(Topics.SIGNALS.name(), Serdes.String().serializer(), Topics.SIGNALS.valueSerde().serializer());
        var valid = driver.createOutputTopic(VALID_OUT, Serdes.String().deserializer(), Topics.SIGNALS.valueSerde().deserializer());
        var dlq = driver.createOutputTopic(Topics.SIGNALS_DLQ.name(), Serdes.String().deserializer(), Topics.SIGNALS_DLQ.valueSerde().deserializer());

        // Given garbage, an envelope without a payload, and then a valid signal
        bytes.pipeInput("03", "{not json".getBytes(StandardCharsets.UTF_8), Instant.parse("2025-03-01T00:00:00Z"));
        bytes.pipeInput("46", "{\"signalId\":\"x\",\"sourceType\":\"SEIZURE\",\"county\":\"46\",\"observedAt\":\"2025-03-01T00:00:00Z\"}"
                .getBytes(StandardCharsets.UTF_8), Instant.parse("2025-03-01T00:00:00Z"));
        raw.pipeInput("03", carfentanilSeizure(), Instant.parse("2025-03-01T00:00:00Z"));

        // Then the two bad records are dead-lettered with reason and position, and the valid one still passes
        var letters = dlq.readKeyValuesToList();
        assertThat(letters).hasSize(2);
        DeadLetter garbage = letters.get(0).value;
        assertThat(garbage.reason()).isEqualTo("value is not a signal envelope");
        assertThat(garbage.exception()).isNotBlank();
        assertThat(garbage.sourceTopic()).isEqualTo(Topics.SIGNALS.name());
        assertThat(garbage.offset()).isZero();
        assertThat(garbage.failedAt()).isEqualTo(NOW);
        assertThat(new String(java.util.Base64.getDecoder().decode(garbage.value()), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(letters.get(1).value.reason()).isEqualTo("payload is missing");
        assertThat(letters.get(1).value.offset()).isEqualTo(1);
        assertThat(valid.readValuesToList()).containsExactly(carfentanilSeizure());
    }

    @Test
    void shouldKeepTheWatchlistAsAGlobalStoreWhereATombstoneRemovesAnEntry() {
        var watchlist = driver.createInputTopic(Topics.WATCHLIST.name(), Topics.WATCHLIST.keySerde().serializer(),
                Topics.WATCHLIST.valueSerde().serializer());
        var xylazine = new Substance("xylazine", "Xylazine", SubstanceClass.VETERINARY_SEDATIVE, Hazard.CRITICAL, List.of(), List.of(), null);
        var caffeine = new Substance("caffeine", "Caffeine", SubstanceClass.OTHER, Hazard.LOW, List.of(), List.of(), null);

        watchlist.pipeInput("xylazine", xylazine, Instant.parse("2025-03-01T00:00:00Z"));
        watchlist.pipeInput("caffeine", caffeine, Instant.parse("2025-03-01T00:00:01Z"));
        watchlist.pipeInput("caffeine", null, Instant.parse("2025-03-01T00:00:02Z"));

        KeyValueStore<String, Substance> store = driver.getKeyValueStore(AnalyticsTopology.WATCHLIST_STORE);
        assertThat(store.get("xylazine")).isEqualTo(xylazine);
        assertThat(store.get("caffeine")).isNull();
        assertThat(fixture.context.catalogue().ids()).containsExactly("xylazine");
    }
}
