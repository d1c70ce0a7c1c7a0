package no.rusvarsel.ingest.freshness;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import no.rusvarsel.contracts.detection.EpisodeKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Periodically assesses every provider and raises a {@code PROVIDER_SILENT} detection once per silent spell. A
 * detection this process already published is not sent again; after a restart it is (its id is the same, so
 * alert-service ignores the repeat). Also exposes {@code rusvarsel_ingest_providers_silent}.
 */
@Singleton
@Requires(property = "rusvarsel.freshness.watch-enabled", notEquals = "false")
public class SilenceWatch {

    private static final Logger LOG = LoggerFactory.getLogger(SilenceWatch.class);

    private final ProviderActivityQuery activity;
    private final FreshnessPolicy policy;
    private final SilentProviderDetections detections;
    private final DetectionPublisher publisher;
    private final Clock clock;
    private final Set<String> published = ConcurrentHashMap.newKeySet();
    private final AtomicInteger silentNow = new AtomicInteger();

    public SilenceWatch(ProviderActivityQuery activity, FreshnessPolicy policy, SilentProviderDetections detections,
                        DetectionPublisher publisher, Clock clock, MeterRegistry meters) {
        this.activity = activity;
        this.policy = policy;
        this.detections = detections;
        this.publisher = publisher;
        this.clock = clock;
        meters.gauge("rusvarsel.ingest.providers.silent", silentNow);
    }

    @Scheduled(fixedDelay = "${rusvarsel.freshness.check-interval:1m}", initialDelay = "${rusvarsel.freshness.check-interval:1m}")
    void scheduled() {
        try {
            check();
        } catch (RuntimeException e) {
            LOG.warn("provider freshness check failed; next try at the next interval: {}", e.getMessage());
        }
    }

    /** One pass: returns the ids of the detections published in it. */
    public List<String> check() {
        var now = clock.instant();
        var assessed = activity.all().stream().map(a -> policy.assess(a, now)).toList();
        silentNow.set((int) assessed.stream().filter(ProviderFreshness::silent).count());
        var sent = new java.util.ArrayList<String>();
        for (var f : assessed) {
            detections.of(f, now).filter(d -> !published.contains(d.detectionId())).ifPresent(d -> {
                publisher.publish(EpisodeKey.of(detections.countyOf(d), d), d);
                published.add(d.detectionId());
                sent.add(d.detectionId());
                LOG.info("provider {} silent since {}: raised detection {}", f.providerId(), f.silentSince(), d.detectionId());
            });
        }
        return sent;
    }
}
