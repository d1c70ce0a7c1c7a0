package no.rusvarsel.ingest.signal;

import no.rusvarsel.contracts.signal.SignalEnvelope;
import no.rusvarsel.contracts.topic.Topics;
import no.rusvarsel.infra.SharedInfra;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What a read_committed consumer finds on the signals topic of the shared test broker. */
final class SignalsTopic {

    private SignalsTopic() {
    }

    /** Every committed record, read from the beginning up to the current last stable offsets. */
    static List<ConsumerRecord<String, SignalEnvelope>> all() {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfra.get().kafka().bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                Topics.SIGNALS.keySerde().deserializer(), Topics.SIGNALS.valueSerde().deserializer())) {
            var partitions = consumer.partitionsFor(Topics.SIGNALS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions);
            var out = new ArrayList<ConsumerRecord<String, SignalEnvelope>>();
            var deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    // a partial read would look like a missing record
                    throw new AssertionError("could not read " + Topics.SIGNALS.name() + " to its end within 60 s");
                }
                consumer.poll(Duration.ofMillis(100)).forEach(out::add);
            }
            return out;
        }
    }

    /** The committed records of one signal, every version. */
    static List<ConsumerRecord<String, SignalEnvelope>> of(String signalId) {
        return all().stream().filter(r -> r.value().signalId().equals(signalId)).toList();
    }
}
