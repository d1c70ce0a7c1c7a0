package no.rusvarsel.infra;

import no.rusvarsel.contracts.signal.ObservedAt;
import no.rusvarsel.contracts.signal.SeizureReport;
import no.rusvarsel.contracts.signal.SignalEnvelope;
import no.rusvarsel.contracts.signal.SignalIds;
import no.rusvarsel.contracts.signal.SourceType;
import no.rusvarsel.contracts.topic.TopicProvisioner;
import no.rusvarsel.contracts.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(RealInfraExtension.class)
class KafkaRoundTripIT {

    @Test
    void shouldCreateEveryRegistryTopicWithItsSettings(KafkaServer kafka) throws Exception {
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            TopicProvisioner.ensure(admin, Topics.all(), (short) 1);
            var again = TopicProvisioner.ensure(admin, Topics.all(), (short) 1);

            assertThat(again).as("second call creates nothing").isEmpty();
            var signals = admin.describeTopics(List.of(Topics.SIGNALS.name())).allTopicNames().get().get(Topics.SIGNALS.name());
            assertThat(signals.partitions()).hasSize(6);
            var watchlist = new ConfigResource(ConfigResource.Type.TOPIC, Topics.WATCHLIST.name());
            var config = admin.describeConfigs(List.of(watchlist)).all().get().get(watchlist);
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
        }
    }

    @Test
    void shouldProduceAndConsumeASignalEnvelopeWithTheRegistrySerdes(KafkaServer kafka) {
        var topic = "it.roundtrip." + UUID.randomUUID();
        var payload = new SeizureReport("s-1", "0301", "2025-03-01", null, SeizureReport.Agency.POLICE,
                List.of(new SeizureReport.Item("carfentanil", 2.0, SeizureReport.Unit.G, null, null)));
        var envelope = new SignalEnvelope(SignalIds.of("police", SourceType.SEIZURE, "s-1"), 1, "police", SourceType.SEIZURE,
                "s-1", "0301", "03", ObservedAt.parse("2025-03-01"), Instant.parse("2025-03-02T08:00:00Z"), "h", List.of(), payload);

        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), Topics.SIGNALS.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topic, "03", envelope)).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }

        var received = consume(kafka, topic, "read_uncommitted", 1, Topics.SIGNALS.valueSerde().deserializer());

        assertThat(received).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("03");
            assertThat(r.value()).isEqualTo(envelope);
        });
    }

    static <V> List<ConsumerRecord<String, V>> consume(KafkaServer kafka, String topic, String isolation, int expected,
                                                      org.apache.kafka.common.serialization.Deserializer<V> values) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation), new StringDeserializer(), values)) {
            consumer.subscribe(List.of(topic));
            var out = new ArrayList<ConsumerRecord<String, V>>();
            var deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            // keep polling a little after reaching the count, so that extra records would be seen
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, quietUntil)) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
                if (out.size() >= expected && quietUntil == Long.MAX_VALUE) {
                    quietUntil = System.nanoTime() + Duration.ofSeconds(1).toNanos();
                }
            }
            return out;
        }
    }
}
