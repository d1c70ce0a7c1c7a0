package no.rusvarsel.ingest.signal;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import no.rusvarsel.contracts.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Finds which of some (signal id, version) pairs {@code rusvarsel.signals.v1} holds in committed transactions,
 * reading every partition from a given time to its last stable offset.
 */
@Singleton
public class PublishedVersions {

    private static final Logger LOG = LoggerFactory.getLogger(PublishedVersions.class);

    /** One version of one signal. */
    public record Version(UUID signalId, int version) {
    }

    private final String bootstrapServers;
    private final Duration timeout;

    public PublishedVersions(@Value("${kafka.bootstrap.servers}") String bootstrapServers,
                             @Value("${rusvarsel.ingest.kafka.timeout:10s}") Duration timeout) {
        this.bootstrapServers = bootstrapServers;
        this.timeout = timeout;
    }

    /**
     * @param since records written before this are not looked at
     * @return the wanted versions found in the topic
     * @throws IllegalStateException when the topic could not be read to its end (nothing may then be concluded)
     */
    public Set<Version> find(Set<Version> wanted, Instant since, Duration limit) {
        var found = new HashSet<Version>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            var partitions = consumer.partitionsFor(Topics.SIGNALS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            var end = consumer.endOffsets(partitions);
            var query = new HashMap<TopicPartition, Long>();
            partitions.forEach(p -> query.put(p, since.toEpochMilli()));
            var start = consumer.offsetsForTimes(query);
            for (var p : partitions) {
                var offset = start.get(p);
                consumer.seek(p, offset == null ? end.get(p) : offset.offset());
            }
            var values = Topics.SIGNALS.valueSerde().deserializer();
            var deadline = System.nanoTime() + limit.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + Topics.SIGNALS.name() + " to its end within " + limit);
                }
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue;
                    }
                    try {
                        var envelope = values.deserialize(record.topic(), record.value());
                        var version = new Version(UUID.fromString(envelope.signalId()), envelope.version());
                        if (wanted.contains(version)) {
                            found.add(version);
                        }
                    } catch (RuntimeException e) {
                        LOG.warn("skipped an unreadable record at {}-{} offset {}: {}", record.topic(), record.partition(),
                                record.offset(), e.toString());
                    }
                }
            }
        }
        return found;
    }
}
