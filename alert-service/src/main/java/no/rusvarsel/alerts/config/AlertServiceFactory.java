package no.rusvarsel.alerts.config;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import no.rusvarsel.contracts.catalogue.RegionCatalogue;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Clock;
import java.util.Map;

/** The catalogue, clock and Kafka producer the alert-service's beans share. */
@Factory
public class AlertServiceFactory {

    @Singleton
    RegionCatalogue regionCatalogue(@Nullable @Value("${rusvarsel.region-catalogue:}") String path) {
        return RegionCatalogue.load(path == null || path.isBlank() ? null : path);
    }

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Idempotent, acks=all: what the relay and the dead-letter route write is durable once acknowledged. */
    @Singleton
    Producer<String, byte[]> producer(@Value("${kafka.bootstrap.servers}") String bootstrapServers) {
        return new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000),
                new StringSerializer(), new ByteArraySerializer());
    }
}
