package no.rusvarsel.analytics.situation;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import no.rusvarsel.analytics.TopologyFixture;
import no.rusvarsel.contracts.catalogue.RegionCatalogue;
import no.rusvarsel.contracts.signal.DrugCheckingResult;
import no.rusvarsel.contracts.signal.ObservedAt;
import no.rusvarsel.contracts.signal.PatientEvent;
import no.rusvarsel.contracts.signal.SignalEnvelope;
import no.rusvarsel.contracts.topic.Topics;
import no.rusvarsel.infra.DevTokens;
import no.rusvarsel.infra.FreePorts;
import no.rusvarsel.infra.RealInfraProperties;
import no.rusvarsel.infra.SharedInfra;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URL;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The situation API with two analytics instances (same application id, own ports and state directories) that split
 * the signal partitions between them, on the real broker: either instance answers with every county's counts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SituationApiIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Argument<Map<String, Object>> MAP = Argument.mapOf(String.class, Object.class);

    private final String applicationId = "situation-it-" + UUID.randomUUID();
    private final List<EmbeddedServer> servers = new ArrayList<>();
    private final List<BlockingHttpClient> clients = new ArrayList<>();
    private final LocalDate today = LocalDate.now(ObservedAt.ZONE);
    private String countyOfFirst;
    private String countyOfSecond;
    private String municipalityOfSecond;

    @BeforeAll
    void startTwoInstancesAndSendSignals() throws Exception {
        servers.add(start());
        servers.add(start());
        awaitPartitionsSplit();

        // one county held by each instance, as Kafka Streams routes them
        var regions = RegionCatalogue.defaultCatalogue();
        var first = self(0);
        for (var county : regions.counties()) {
            var owner = streams(0).queryMetadataForKey(SituationProcessor.COUNTS_STORE, county.code(), Serdes.String().serializer())
                    .activeHost();
            if (owner.equals(first) && countyOfFirst == null) {
                countyOfFirst = county.code();
            } else if (!owner.equals(first) && countyOfSecond == null && regions.municipalitiesIn(county.code()).size() >= 2) {
                countyOfSecond = county.code();
            }
        }
        assertThat(countyOfFirst).as("a county on the first instance").isNotNull();
        assertThat(countyOfSecond).as("a county on the second instance").isNotNull();
        var firstMunicipality = regions.municipalitiesIn(countyOfFirst).get(0).code();
        municipalityOfSecond = regions.municipalitiesIn(countyOfSecond).get(0).code();
        var otherMunicipalityOfSecond = regions.municipalitiesIn(countyOfSecond).get(1).code();

        send(List.of(
                overdoses("A-1", firstMunicipality, today.minusDays(1), 3, 1),
                sample("A-2", firstMunicipality, today.minusDays(1), "cocaine"),
                overdoses("B-1", municipalityOfSecond, today.minusDays(2), 4, 1),
                overdoses("B-2", otherMunicipalityOfSecond, today.minusDays(2), 6, 1),
                // a correction: B-1 was 2 overdoses, not 4 — replaces, never adds
                overdoses("B-1", municipalityOfSecond, today.minusDays(2), 2, 2)));
    }

    @AfterAll
    void stop() {
        clients.forEach(c -> {
            try {
                c.close();
            } catch (Exception e) {
                // closing anyway
            }
        });
        servers.forEach(s -> s.getApplicationContext().close());
    }

    private EmbeddedServer start() throws Exception {
        int port = FreePorts.any();
        var props = new HashMap<String, Object>(new RealInfraProperties() { }.getProperties());
        props.put("micronaut.server.port", port);
        props.put("rusvarsel.analytics.application-server", "127.0.0.1:" + port);
        props.put("kafka.streams.default.application.id", applicationId);
        props.put("kafka.streams.default.state.dir", Files.createTempDirectory("situation-it-state").toString());
        // both instances start empty: let a joining one take its share of tasks at once, without warm-up rounds
        props.put("kafka.streams.default.acceptable.recovery.lag", "1000000");
        var server = ApplicationContext.run(EmbeddedServer.class, props);
        clients.add(HttpClient.create(new URL("http://127.0.0.1:" + port)).toBlocking());
        return server;
    }

    private KafkaStreams streams(int instance) {
        return servers.get(instance).getApplicationContext().getBean(KafkaStreams.class);
    }

    private HostInfo self(int instance) {
        return servers.get(instance).getApplicationContext().getBean(StreamsHost.class).self().orElseThrow();
    }

    private void awaitPartitionsSplit() throws InterruptedException {
        var deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            boolean running = streams(0).state() == KafkaStreams.State.RUNNING && streams(1).state() == KafkaStreams.State.RUNNING;
            if (running && streams(0).streamsMetadataForStore(SituationProcessor.COUNTS_STORE).stream()
                    .filter(m -> !m.topicPartitions().isEmpty()).count() == 2
                    && streams(0).metadataForLocalThreads().stream().anyMatch(t -> !t.activeTasks().isEmpty())
                    && streams(1).metadataForLocalThreads().stream().anyMatch(t -> !t.activeTasks().isEmpty())) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the two instances did not split the partitions within " + PATIENCE);
    }

    private static SignalEnvelope overdoses(String id, String region, LocalDate day, int count, int version) {
        return TopologyFixture.envelope("it-amk", new PatientEvent("SIT-" + id, region, day.toString(), null,
                PatientEvent.EventType.OVERDOSE_NONFATAL, PatientEvent.Setting.AMBULANCE, count, null, null, List.of(), List.of()), version);
    }

    private static SignalEnvelope sample(String id, String region, LocalDate day, String substance) {
        return TopologyFixture.envelope("it-lab", new DrugCheckingResult("SIT-" + id, region, day.toString(), null,
                DrugCheckingResult.Form.POWDER, null, DrugCheckingResult.Method.GC_MS, true,
                List.of(new DrugCheckingResult.Component(substance, null, null))), 1);
    }

    private static void send(List<SignalEnvelope> envelopes) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", SharedInfra.get().kafka().bootstrapServers(),
                "enable.idempotence", true, "acks", "all"),
                Topics.SIGNALS.keySerde().serializer(), Topics.SIGNALS.valueSerde().serializer())) {
            for (var e : envelopes) {
                producer.send(new ProducerRecord<>(Topics.SIGNALS.name(), e.county(), e)).get();
            }
        }
    }

    private Map<String, Object> situation(int instance, String role, String query) {
        var request = HttpRequest.GET(SituationController.PATH + query).bearerAuth(DevTokens.forTest(role));
        return clients.get(instance).exchange(request, MAP, MAP).body();
    }

    /** Asks until the answer satisfies {@code complete} (the streams commit within a moment). */
    private Map<String, Object> await(int instance, String role, String query, Predicate<Map<String, Object>> complete)
            throws InterruptedException {
        var deadline = System.nanoTime() + PATIENCE.toNanos();
        Map<String, Object> last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = situation(instance, role, query);
                if (complete.test(last)) {
                    return last;
                }
            } catch (HttpClientResponseException e) {
                if (e.getStatus().getCode() != 503) {
                    throw e;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("incomplete situation after " + PATIENCE + ": " + last);
    }

    private static Map<String, Object> row(LocalDate date, String region, String substanceClass, String sourceType, Object count) {
        var row = new LinkedHashMap<String, Object>();
        row.put("date", date.toString());
        row.put("region", region);
        row.put("substanceClass", substanceClass);
        row.put("sourceType", sourceType);
        row.put("count", count);
        return row;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> counts(Map<String, Object> situation) {
        return (List<Map<String, Object>>) situation.get("counts");
    }

    private List<Map<String, Object>> expectedForAnalyst() {
        return List.of(
                row(today.minusDays(2), countyOfSecond, "UNSPECIFIED", "patient-event", 8),
                row(today.minusDays(1), countyOfFirst, "STIMULANT", "drug-checking", 1),
                row(today.minusDays(1), countyOfFirst, "UNSPECIFIED", "patient-event", "<5"));
    }

    @Test
    void shouldAnswerWithEveryCountysCountsFromEitherInstanceWhenThePartitionsAreSplit() throws Exception {
        // Given counts in a county held by each instance, When an analyst asks each instance for all counties
        var fromFirst = await(0, "ANALYST", "?days=3", s -> counts(s).size() >= 3 && counts(s).contains(expectedForAnalyst().get(0)));
        var fromSecond = await(1, "ANALYST", "?days=3", s -> counts(s).size() >= 3 && counts(s).contains(expectedForAnalyst().get(0)));

        // Then both answer the same, complete picture: the corrected report replaced, 3 overdoses shown as "<5"
        assertThat(counts(fromFirst)).isEqualTo(expectedForAnalyst());
        assertThat(fromSecond).isEqualTo(fromFirst);
        assertThat(fromFirst).containsEntry("days", 3).containsEntry("from", today.minusDays(2).toString())
                .containsEntry("to", today.toString()).containsEntry("smallCountsMasked", true);
        assertThat(fromFirst.get("region")).isNull();
    }

    @Test
    void shouldShowSmallPatientCountsOnlyToOperatorsWhicheverInstanceHoldsThem() throws Exception {
        // When an operator and an admin ask the instance that does not hold the first county
        var operator = await(1, "OPERATOR", "?days=3&region=" + countyOfFirst, s -> counts(s).size() == 2);
        var admin = await(1, "ADMIN", "?days=3&region=" + countyOfFirst, s -> counts(s).size() == 2);

        // Then the operator sees the 3 overdoses as 3; anyone else sees "<5"
        assertThat(counts(operator)).containsExactly(
                row(today.minusDays(1), countyOfFirst, "STIMULANT", "drug-checking", 1),
                row(today.minusDays(1), countyOfFirst, "UNSPECIFIED", "patient-event", 3));
        assertThat(operator).containsEntry("smallCountsMasked", false).containsEntry("region", countyOfFirst);
        assertThat(counts(admin)).containsExactly(
                row(today.minusDays(1), countyOfFirst, "STIMULANT", "drug-checking", 1),
                row(today.minusDays(1), countyOfFirst, "UNSPECIFIED", "patient-event", "<5"));
    }

    @Test
    void shouldCountExactlyTheMunicipalityAskedFor() throws Exception {
        // When the first instance is asked for one municipality of the second instance's county
        var situation = await(0, "OPERATOR", "?days=3&region=" + municipalityOfSecond, s -> !counts(s).isEmpty()
                && counts(s).get(0).get("count").equals(2));

        // Then only that municipality's (corrected) report counts, not its neighbour's
        assertThat(counts(situation)).containsExactly(row(today.minusDays(2), municipalityOfSecond, "UNSPECIFIED", "patient-event", 2));
    }

    private Map<String, Object> problem(HttpClientResponseException e) {
        try {
            return servers.get(0).getApplicationContext().getBean(JsonMapper.class)
                    .readValue(e.getResponse().getBody(String.class).orElseThrow(), MAP);
        } catch (java.io.IOException io) {
            throw new java.io.UncheckedIOException(io);
        }
    }

    @Test
    void shouldRefuseInvalidParametersWithAProblemNamingTheField() {
        for (var query : List.of("?days=0", "?days=91", "?days=week", "?region=99", "?region=abc", "?region=9999&days=-1")) {
            assertThatThrownBy(() -> situation(0, "ANALYST", query)).as(query)
                    .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(400);
                        assertThat(e.getResponse().getContentType().orElseThrow().toString()).isEqualTo("application/problem+json");
                        var problem = problem(e);
                        @SuppressWarnings("unchecked")
                        var fields = ((List<Map<String, Object>>) problem.get("errors")).stream().map(f -> f.get("field")).toList();
                        assertThat(fields).as(query).containsExactlyElementsOf(query.contains("region=9999") ? List.of("region", "days")
                                : query.contains("region") ? List.of("region") : List.of("days"));
                    });
        }
    }

    @Test
    void shouldRefuseAnonymousCallers() {
        assertThatThrownBy(() -> clients.get(1).retrieve(HttpRequest.GET(SituationController.PATH)))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(401));
        assertThatThrownBy(() -> clients.get(1).retrieve(HttpRequest.GET(SituationController.INTERNAL_PATH + "?counties=03&from=2025-01-01&to=2025-01-02")))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(401));
    }
}
