package no.rusvarsel.support.problem;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;

import java.time.Duration;
import java.util.List;

/** A request the API refuses, with what the client needs to fix or wait for; rendered as a {@link Problem}. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String slug;
    private final String title;
    private final List<FieldError> errors;
    private final Duration retryAfter;

    public ApiException(HttpStatus status, String slug, String title, String detail,
                        @Nullable List<FieldError> errors, @Nullable Duration retryAfter) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.errors = errors;
        this.retryAfter = retryAfter;
    }

    public static ApiException invalid(String detail, List<FieldError> errors) {
        return new ApiException(HttpStatus.BAD_REQUEST, "invalid-records", "Invalid records", detail, errors, null);
    }

    public static ApiException malformed(String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, "malformed-body", "Malformed request body", detail, null, null);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail, null, null);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(HttpStatus.NOT_FOUND, "not-found", "Not found", detail, null, null);
    }

    public static ApiException unavailable(String detail, Duration retryAfter) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Service unavailable", detail, null, retryAfter);
    }

    public static ApiException tooManyRequests(String detail, Duration retryAfter) {
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests", detail, null, retryAfter);
    }

    public HttpStatus status() {
        return status;
    }

    public Problem problem(String instance) {
        return Problem.of(slug, title, status.getCode(), getMessage(), instance, errors);
    }

    @Nullable
    public Duration retryAfter() {
        return retryAfter;
    }
}
