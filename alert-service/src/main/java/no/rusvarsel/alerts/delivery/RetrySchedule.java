package no.rusvarsel.alerts.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When a failed delivery is tried again. The schedule lists the wait after each failed attempt
 * ({@code 5s,30s,2m,10m,30m,1h,2h,4h,8h,8h}: eleven attempts over about 24 hours); each wait is spread by
 * ±{@code jitter} so that a receiver coming back is not hit by every queued message at once, and is never shorter
 * than the receiver's {@code Retry-After} (itself capped at {@code maxRetryAfter}).
 */
public record RetrySchedule(List<Duration> delays, double jitter, Duration maxRetryAfter) {

    public static final String DEFAULT = "5s,30s,2m,10m,30m,1h,2h,4h,8h,8h";

    public RetrySchedule {
        delays = List.copyOf(delays);
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("retry jitter must be in [0, 1), is " + jitter);
        }
        if (delays.stream().anyMatch(Duration::isNegative)) {
            throw new IllegalArgumentException("retry delays must not be negative");
        }
    }

    public static RetrySchedule parse(String text, double jitter, Duration maxRetryAfter) {
        var delays = new ArrayList<Duration>();
        if (text != null) {
            for (var part : text.split(",")) {
                if (!part.isBlank()) {
                    delays.add(Durations.parse(part));
                }
            }
        }
        return new RetrySchedule(delays, jitter, maxRetryAfter);
    }

    /** First attempt plus one per delay. */
    public int maxAttempts() {
        return delays.size() + 1;
    }

    /** The total time from the first to the last attempt, without jitter. */
    public Duration span() {
        return delays.stream().reduce(Duration.ZERO, Duration::plus);
    }

    /**
     * The wait before the next attempt, or empty when {@code attemptsMade} used up the schedule.
     *
     * @param random uniform in [0, 1)
     */
    public Optional<Duration> nextDelay(int attemptsMade, Duration retryAfter, DoubleSupplier random) {
        if (attemptsMade < 1 || attemptsMade > delays.size()) {
            return Optional.empty();
        }
        var base = delays.get(attemptsMade - 1);
        var factor = 1 + jitter * (2 * random.getAsDouble() - 1);
        var delay = Duration.ofMillis(Math.round(base.toMillis() * factor));
        if (retryAfter != null && !retryAfter.isNegative()) {
            var floor = retryAfter.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter;
            if (floor.compareTo(delay) > 0) {
                delay = floor;
            }
        }
        return Optional.of(delay);
    }
}
