package no.rusvarsel.infra;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/** Test consumer groups that start at the current end of a topic, so a test sees only what it produces itself. */
public final class ConsumerGroups {

    private ConsumerGroups() {
    }

    /**
     * A new group whose committed offsets are the topic's current end offsets (the topic is created with
     * {@code partitions} if missing).
     */
    public static String newGroupAtEnd(String bootstrapServers, String topic, int partitions, String prefix) {
        var group = prefix + "-" + UUID.randomUUID();
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            try {
                admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            var count = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            var request = new HashMap<TopicPartition, OffsetSpec>();
            for (int p = 0; p < count; p++) {
                request.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            var ends = admin.listOffsets(request).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue().offset())));
            admin.alterConsumerGroupOffsets(group, ends).all().get();
            return group;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not position consumer group on " + topic, e);
        }
    }
}
