package no.rusvarsel.alerts.config;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import no.rusvarsel.contracts.topic.TopicProvisioner;
import no.rusvarsel.contracts.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/** Creates the registry's topics that are missing when the service starts (any service may be first up). */
@Singleton
public class TopicSetup {

    private static final Logger LOG = LoggerFactory.getLogger(TopicSetup.class);

    private final String bootstrapServers;
    private final short replicationFactor;

    public TopicSetup(@Value("${kafka.bootstrap.servers}") String bootstrapServers,
                      @Value("${rusvarsel.kafka.replication-factor:1}") short replicationFactor) {
        this.bootstrapServers = bootstrapServers;
        this.replicationFactor = replicationFactor;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000))) {
            TopicProvisioner.ensure(admin, Topics.all(), replicationFactor);
        } catch (Exception e) {
            // the listener and relay retry on their own; topics can also be created by the other services
            LOG.warn("could not ensure topics at startup: {}", e.toString());
        }
    }
}
