package no.rusvarsel.analytics.watchlist;

import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import no.rusvarsel.contracts.catalogue.Substance;
import no.rusvarsel.contracts.topic.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Writes watchlist entries (and tombstones) to the compacted watchlist topic, waiting for Kafka's acknowledgement. */
@Singleton
public class WatchlistPublisher {

    private final Producer<String, Substance> producer;

    public WatchlistPublisher(@Value("${kafka.bootstrap.servers}") String bootstrapServers) {
        this.producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000),
                Topics.WATCHLIST.keySerde().serializer(), Topics.WATCHLIST.valueSerde().serializer());
    }

    public void put(Substance entry) {
        send(new ProducerRecord<>(Topics.WATCHLIST.name(), entry.id(), entry));
    }

    public void delete(String substanceId) {
        send(new ProducerRecord<>(Topics.WATCHLIST.name(), substanceId, null));
    }

    public void putAll(Collection<Substance> entries) {
        entries.forEach(e -> producer.send(new ProducerRecord<>(Topics.WATCHLIST.name(), e.id(), e)));
        producer.flush();
    }

    private void send(ProducerRecord<String, Substance> record) {
        try {
            producer.send(record).get(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the watchlist", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new WatchlistUnavailableException(e);
        }
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }

    /** Kafka did not take a watchlist change. */
    public static final class WatchlistUnavailableException extends RuntimeException {
        WatchlistUnavailableException(Throwable cause) {
            super("Kafka did not take the watchlist change: " + cause.getMessage(), cause);
        }
    }
}
