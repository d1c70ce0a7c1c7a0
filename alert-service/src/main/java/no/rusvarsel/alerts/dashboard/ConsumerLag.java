package no.rusvarsel.alerts.dashboard;

import io.micronaut.context.annotation.Value;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/** Consumer lag of a Kafka consumer group: end offsets minus committed offsets, per topic and in total. */
@Singleton
public class ConsumerLag {

    private final String bootstrapServers;
    private Admin admin;

    public ConsumerLag(@Value("${kafka.bootstrap.servers}") String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** A group's lag; {@code committedPartitions} 0 means the group has committed nothing (yet). */
    @Serdeable
    public record GroupLag(String group, long totalLag, int committedPartitions, Map<String, Long> lagByTopic) {
    }

    public GroupLag of(String group) throws InterruptedException, ExecutionException, TimeoutException {
        var committed = admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
        var withOffsets = committed.entrySet().stream().filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        if (withOffsets.isEmpty()) {
            return new GroupLag(group, 0, 0, Map.of());
        }
        var ends = admin().listOffsets(withOffsets.keySet().stream()
                .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()))).all().get(5, TimeUnit.SECONDS);
        var byTopic = new TreeMap<String, Long>();
        long total = 0;
        for (Map.Entry<TopicPartition, Long> e : withOffsets.entrySet()) {
            var end = ends.get(e.getKey());
            long lag = end == null ? 0 : Math.max(0, end.offset() - e.getValue());
            byTopic.merge(e.getKey().topic(), lag, Long::sum);
            total += lag;
        }
        return new GroupLag(group, total, withOffsets.size(), byTopic);
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 4_000));
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close();
        }
    }
}
