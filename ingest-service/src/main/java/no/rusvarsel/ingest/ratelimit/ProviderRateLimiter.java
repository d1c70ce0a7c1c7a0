package no.rusvarsel.ingest.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import no.rusvarsel.support.problem.ApiException;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per provider: {@code rusvarsel.ingest.rate-limit.requests-per-minute} requests a minute with
 * bursts up to {@code burst}; a request over the limit is refused with 429 and how long to wait.
 */
@Singleton
public class ProviderRateLimiter {

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final long perMinute;
    private final long burst;

    public ProviderRateLimiter(@Value("${rusvarsel.ingest.rate-limit.requests-per-minute:600}") long perMinute,
                               @Value("${rusvarsel.ingest.rate-limit.burst:100}") long burst) {
        this.perMinute = perMinute;
        this.burst = burst;
    }

    /** Takes one request's token for the provider, or throws 429 with Retry-After. */
    public void acquire(String providerId) {
        var bucket = buckets.computeIfAbsent(providerId, id -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build());
        var probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            var wait = Duration.ofNanos(probe.getNanosToWaitForRefill());
            throw ApiException.tooManyRequests("rate limit of " + perMinute + " requests per minute for provider "
                    + providerId + " reached", wait.isZero() ? Duration.ofSeconds(1) : wait.plusSeconds(1));
        }
    }
}
