package no.rusvarsel.ingest.freshness;

import java.time.Duration;
import java.time.Instant;

/** Decides whether a provider is silent: quiet for longer than its expected interval since its last signal (or creation). */
public final class FreshnessPolicy {

    private final Duration defaultInterval;

    public FreshnessPolicy(Duration defaultInterval) {
        if (defaultInterval.isNegative() || defaultInterval.isZero()) {
            throw new IllegalArgumentException("the default expected interval must be positive");
        }
        this.defaultInterval = defaultInterval;
    }

    public ProviderFreshness assess(ProviderActivity activity, Instant now) {
        boolean own = activity.expectedIntervalMinutes() != null;
        var interval = own ? Duration.ofMinutes(activity.expectedIntervalMinutes()) : defaultInterval;
        var anchor = activity.lastSignalAt() != null ? activity.lastSignalAt() : activity.createdAt();
        var silentSince = anchor.plus(interval);
        return new ProviderFreshness(activity.providerId(), activity.name(), activity.sourceTypes(), activity.regions(),
                activity.lastSignalAt(), Math.max(1, interval.toMinutes()), own, silentSince, now.isAfter(silentSince));
    }
}
