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
            var ends = endOffsets(admin, request);
            admin.alterConsumerGroupOffsets(group, ends).all().get();
            return group;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not position consumer group on " + topic, e);
        }
    }

    /** A topic created a moment ago may not be known to the broker's metadata yet: ask again for a while. */
    private static Map<TopicPartition, OffsetAndMetadata> endOffsets(Admin admin, Map<TopicPartition, OffsetSpec> request)
            throws InterruptedException, ExecutionException {
        var deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(15);
        while (true) {
            try {
                return admin.listOffsets(request).all().get().entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue().offset())));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)
                        || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }
}
