package no.rusvarsel.contracts.topic;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/** Creates the registry's topics that do not exist yet; existing topics are left as they are. */
public final class TopicProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

    private TopicProvisioner() {
    }

    /** @return the names of the topics this call created */
    public static List<String> ensure(Admin admin, Collection<Topic<?, ?>> topics, short replicationFactor)
            throws InterruptedException, ExecutionException {
        Set<String> existing = admin.listTopics().names().get();
        var missing = topics.stream().filter(t -> !existing.contains(t.name()))
                .map(t -> t.newTopic(replicationFactor)).toList();
        if (missing.isEmpty()) {
            return List.of();
        }
        var results = admin.createTopics(missing).values();
        for (var e : results.entrySet()) {
            try {
                e.getValue().get();
            } catch (ExecutionException ex) {
                if (!(ex.getCause() instanceof TopicExistsException)) {
                    throw ex;
                }
            }
        }
        var created = missing.stream().map(NewTopic::name).toList();
        LOG.info("created topics {}", created);
        return created;
    }
}
