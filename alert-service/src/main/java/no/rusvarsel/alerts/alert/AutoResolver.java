package no.rusvarsel.alerts.alert;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;

/** Resolves active alerts with no new detection for the configured quiet time (P0D turns this off). */
@Singleton
@Requires(property = "rusvarsel.alerts.auto-resolve-after", notEquals = "P0D")
public class AutoResolver {

    private static final Logger LOG = LoggerFactory.getLogger(AutoResolver.class);

    private final AlertLifecycle lifecycle;
    private final Duration quiet;
    private final Clock clock;

    public AutoResolver(AlertLifecycle lifecycle, Clock clock,
                        @Value("${rusvarsel.alerts.auto-resolve-after:P14D}") Duration quiet) {
        this.lifecycle = lifecycle;
        this.quiet = quiet;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${rusvarsel.alerts.auto-resolve-check:5m}", initialDelay = "30s")
    void resolveQuiet() {
        var note = "no new detection for " + quiet;
        int resolved = 0;
        try {
            while (lifecycle.autoResolveOne(clock.instant().minus(quiet), note)) {
                resolved++;
            }
        } catch (RuntimeException e) {
            LOG.warn("auto-resolve stopped after {} alerts, will retry: {}", resolved, e.toString());
        }
        if (resolved > 0) {
            LOG.info("auto-resolved {} alerts quiet for {}", resolved, quiet);
        }
    }
}
