package no.rusvarsel.analytics;

import io.micronaut.core.type.Argument;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import no.rusvarsel.contracts.catalogue.Substance;
import no.rusvarsel.contracts.catalogue.SubstanceCatalogue;
import no.rusvarsel.contracts.topic.Topics;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import no.rusvarsel.contracts.catalogue.Hazard;
import no.rusvarsel.contracts.catalogue.SubstanceClass;
import no.rusvarsel.contracts.detection.Detection;
import no.rusvarsel.contracts.detection.Rule;
import no.rusvarsel.contracts.detection.Severity;
import no.rusvarsel.contracts.signal.DrugCheckingResult;
import no.rusvarsel.infra.DevTokens;
import no.rusvarsel.infra.RealInfraProperties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import no.rusvarsel.infra.SharedInfra;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyticsServiceIT implements RealInfraProperties {

    @Override
    public Map<String, String> getProperties() {
        var props = new HashMap<>(RealInfraProperties.super.getProperties());
        try {
            props.put("kafka.streams.default.state.dir", java.nio.file.Files.createTempDirectory("analytics-it-state").toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return props;
    }

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void shouldApplyAWatchlistChangeMadeAtRuntimeToTheNextSignal() throws Exception {
        var operator = DevTokens.forTest("OPERATOR");
        var ketamine = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/watchlist/ketamine").bearerAuth(operator), Substance.class);
        assertThat(ketamine.hazard()).isEqualTo(Hazard.MODERATE);

        // When an operator raises ketamine to HIGH
        var raised = new Substance(ketamine.id(), ketamine.name(), ketamine.substanceClass(), Hazard.HIGH, ketamine.synonyms(),
                ketamine.metabolites(), ketamine.thresholds());
        http.toBlocking().exchange(HttpRequest.PUT("/api/v1/watchlist/ketamine", raised).bearerAuth(operator));
        var deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (http.toBlocking().retrieve(HttpRequest.GET("/api/v1/watchlist/ketamine").bearerAuth(operator), Substance.class).hazard()
                != Hazard.HIGH && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }

        // Then the next ketamine sample is a watchlist detection
        var sample = new DrugCheckingResult("K-" + UUID.randomUUID(), "1103", "2025-03-02", null, DrugCheckingResult.Form.POWDER,
                "ketamine", DrugCheckingResult.Method.GC_MS, true, List.of(new DrugCheckingResult.Component("ketamin", null, null)));
        var envelope = TopologyFixture.envelope("it-lab", sample, 1);
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", SharedInfra.get().kafka().bootstrapServers()),
                Topics.SIGNALS.keySerde().serializer(), Topics.SIGNALS.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(Topics.SIGNALS.name(), envelope.county(), envelope)).get();
        }
        var found = new java.util.ArrayList<Detection>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfra.get().kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                Topics.DETECTIONS.keySerde().deserializer(), Topics.DETECTIONS.valueSerde().deserializer())) {
            consumer.subscribe(List.of(Topics.DETECTIONS.name()));
            var until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (found.stream().noneMatch(d -> d.evidence().contains(envelope.signalId())) && System.nanoTime() < until) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> found.add(r.value()));
            }
        }
        assertThat(found).filteredOn(d -> d.evidence().contains(envelope.signalId()))
                .extracting(Detection::rule, Detection::substance, Detection::severity)
                .containsExactly(tuple(Rule.WATCHLIST_SUBSTANCE, "ketamine", Severity.HIGH));
    }

    @Test
    void shouldLetOnlyOperatorsChangeTheWatchlist() {
        var analyst = DevTokens.forTest("ANALYST");
        var entry = new Substance("x-test", "Examplazine", SubstanceClass.OTHER, Hazard.HIGH, List.of(), List.of(), null);

        assertThat(http.toBlocking().retrieve(HttpRequest.GET("/api/v1/watchlist").bearerAuth(analyst), Argument.listOf(Substance.class)))
                .hasSizeGreaterThanOrEqualTo(80);
        assertThatThrownBy(() -> http.toBlocking().exchange(HttpRequest.PUT("/api/v1/watchlist/x-test", entry).bearerAuth(analyst)))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(403));
        assertThatThrownBy(() -> http.toBlocking().exchange(HttpRequest.GET("/api/v1/watchlist")))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(401));
    }

    @Test
    void shouldRefuseAnEntryThatTakesAnotherSubstancesName() {
        var operator = DevTokens.forTest("OPERATOR");
        var thief = new Substance("x-thief", "Thiefazine", SubstanceClass.OTHER, Hazard.HIGH, List.of("kokain"), List.of(), null);

        assertThatThrownBy(() -> http.toBlocking().exchange(HttpRequest.PUT("/api/v1/watchlist/x-thief", thief).bearerAuth(operator)))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(409));
    }

    @Test
    void shouldRefuseAWatchlistEntryWithACoercibleValueOrTrailingContentNamingTheField() {
        // Found by the hostile-input suite (issue 9): ["Strictazine"] became the name "Strictazine", and a second body was ignored
        var operator = DevTokens.forTest("OPERATOR");
        var valid = "{\"id\":\"x-strict\",\"name\":\"Strictazine\",\"class\":\"OTHER\",\"hazard\":\"HIGH\"}";

        var refused = Map.of(
                valid.replace("\"Strictazine\"", "[\"Strictazine\"]"), "\"field\":\"name\",\"message\":\"must be a string\"",
                valid + valid, "{\"index\":0,\"message\":\"has content after its JSON value at line 1, column 71",
                valid.replace("}", ",\"thresholds\":{\"purityPercent\":\"50\"}}"),
                "\"field\":\"thresholds.purityPercent\",\"message\":\"must be a number\"");
        refused.forEach((body, error) -> assertThatThrownBy(() -> http.toBlocking().exchange(HttpRequest.PUT("/api/v1/watchlist/x-strict", body)
                .contentType(io.micronaut.http.MediaType.APPLICATION_JSON_TYPE).bearerAuth(operator), String.class))
                .as(body)
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(400);
                    assertThat(e.getResponse().getBody(String.class).orElseThrow()).contains(error);
                }));
        assertThatThrownBy(() -> http.toBlocking().exchange(HttpRequest.GET("/api/v1/watchlist/x-strict").bearerAuth(operator)))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(404));
    }

    @Test
    void shouldAnswerHealthUp() {
        var health = http.toBlocking().retrieve(HttpRequest.GET("/health"), Argument.mapOf(String.class, Object.class));

        assertThat(health).containsEntry("status", "UP");
    }

    @Test
    void shouldSeedTheEmptyWatchlistTopicWithTheDefaultCatalogueKeyedBySubstanceId() {
        var catalogue = SubstanceCatalogue.defaultCatalogue();
        var seen = new HashMap<String, Substance>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfra.get().kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                Topics.WATCHLIST.keySerde().deserializer(), Topics.WATCHLIST.valueSerde().deserializer())) {
            consumer.subscribe(List.of(Topics.WATCHLIST.name()));
            var deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (seen.size() < catalogue.size() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> seen.put(r.key(), r.value()));
            }
        }

        assertThat(seen.keySet()).containsExactlyInAnyOrderElementsOf(catalogue.ids());
        assertThat(seen.get("carfentanil")).isEqualTo(catalogue.byId("carfentanil").orElseThrow());
    }
}
