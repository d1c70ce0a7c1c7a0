package no.rusvarsel.analytics.watchlist;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import no.rusvarsel.contracts.catalogue.SubstanceCatalogue;
import no.rusvarsel.contracts.topic.TopicProvisioner;
import no.rusvarsel.contracts.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Before the streams start: creates the registry's missing topics and, on first start, when the compacted
 * watchlist topic is still empty, publishes the default substance catalogue to it; afterwards the topic
 * (edited at runtime) is the watchlist and is left alone.
 */
@Singleton
public class WatchlistSeeder {

    private static final Logger LOG = LoggerFactory.getLogger(WatchlistSeeder.class);

    private final String bootstrapServers;
    private final SubstanceCatalogue catalogue;
    private final short replicationFactor;
    private final WatchlistPublisher publisher;

    public WatchlistSeeder(WatchlistPublisher publisher, @Value("${kafka.bootstrap.servers}") String bootstrapServers,
                           @Value("${rusvarsel.catalogue.substances:}") String cataloguePath,
                           @Value("${rusvarsel.kafka.replication-factor:1}") short replicationFactor) {
        this.bootstrapServers = bootstrapServers;
        this.catalogue = SubstanceCatalogue.load(cataloguePath);
        this.replicationFactor = replicationFactor;
        this.publisher = publisher;
    }

    public void ensureTopicsAndSeed() throws ExecutionException, InterruptedException {
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            TopicProvisioner.ensure(admin, Topics.all(), replicationFactor);
            if (watchlistSize(admin) > 0) {
                return;
            }
        }
        seed();
    }

    private long watchlistSize(Admin admin) throws ExecutionException, InterruptedException {
        var partitions = IntStream.range(0, Topics.WATCHLIST.partitions())
                .mapToObj(p -> new TopicPartition(Topics.WATCHLIST.name(), p))
                .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
        return admin.listOffsets(partitions).all().get().values().stream().mapToLong(r -> r.offset()).sum();
    }

    private void seed() {
        publisher.putAll(catalogue.all());
        LOG.info("seeded the watchlist with {} substances from catalogue {}", catalogue.size(), catalogue.version());
    }
}
