package no.rusvarsel.analytics;

import io.micronaut.core.type.Argument;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import no.rusvarsel.contracts.catalogue.Substance;
import no.rusvarsel.contracts.catalogue.SubstanceCatalogue;
import no.rusvarsel.contracts.topic.Topics;
import no.rusvarsel.infra.RealInfraProperties;
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
    void shouldAnswerHealthUp() {
        var health = http.toBlocking().retrieve(io.micronaut.http.HttpRequest.GET("/health"), Argument.mapOf(String.class, Object.class));

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
