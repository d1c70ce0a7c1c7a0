package no.rusvarsel.alerts.delivery;

import io.micronaut.core.annotation.Nullable;

import java.time.Duration;

/**
 * What a channel reported for one attempt.
 *
 * @param statusCode      HTTP status or SMTP reply code, when there was one
 * @param error           why it failed, short and free of payload data; null when delivered
 * @param retryAfter      the receiver's {@code Retry-After}, if it gave one
 * @param responseExcerpt the start of the receiver's answer
 */
public record AttemptResult(Kind kind, @Nullable Integer statusCode, @Nullable String error,
                            @Nullable Duration retryAfter, @Nullable String responseExcerpt) {

    /** DELIVERED; FAILED may be retried; GONE disables the subscription; REFUSED never is retried. */
    public enum Kind { DELIVERED, FAILED, GONE, REFUSED }

    public static AttemptResult delivered(@Nullable Integer statusCode, @Nullable String excerpt) {
        return new AttemptResult(Kind.DELIVERED, statusCode, null, null, excerpt);
    }

    public static AttemptResult failed(@Nullable Integer statusCode, String error, @Nullable Duration retryAfter,
                                       @Nullable String excerpt) {
        return new AttemptResult(Kind.FAILED, statusCode, error, retryAfter, excerpt);
    }

    public static AttemptResult failed(String error) {
        return failed(null, error, null, null);
    }

    public static AttemptResult gone(int statusCode, @Nullable String excerpt) {
        return new AttemptResult(Kind.GONE, statusCode, "receiver answered " + statusCode + " Gone: subscription disabled",
                null, excerpt);
    }

    public static AttemptResult refused(String error) {
        return new AttemptResult(Kind.REFUSED, null, error, null, null);
    }
}
