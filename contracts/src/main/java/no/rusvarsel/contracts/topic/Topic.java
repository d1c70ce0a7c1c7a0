package no.rusvarsel.contracts.topic;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serde;

import java.util.Map;
import java.util.Objects;

/**
 * A Kafka topic with its key and value serdes and the settings it is created with.
 *
 * @param partitions partition count; fixed for the topic's life because keys are partitioned by hash
 * @param config     topic-level configs (cleanup.policy, retention.ms, …)
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, int partitions, Map<String, String> config) {

    public Topic {
        Objects.requireNonNull(name);
        Objects.requireNonNull(keySerde);
        Objects.requireNonNull(valueSerde);
        config = Map.copyOf(config);
    }

    /** The topic to create with the given replication factor (1 on a laptop, 3 in production). */
    public NewTopic newTopic(short replicationFactor) {
        var settings = new java.util.HashMap<>(config);
        if (replicationFactor > 1) {
            settings.putIfAbsent("min.insync.replicas", String.valueOf(replicationFactor - 1));
        }
        return new NewTopic(name, partitions, replicationFactor).configs(settings);
    }

    @Override
    public String toString() {
        return name;
    }
}
