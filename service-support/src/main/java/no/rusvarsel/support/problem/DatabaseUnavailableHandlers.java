package no.rusvarsel.support.problem;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.transaction.exceptions.TransactionException;
import jakarta.inject.Singleton;

/**
 * PostgreSQL out of reach (stopped, restarting, connections terminated, pool exhausted) is 503 with {@code Retry-After}
 * and a problem document, like Kafka out of reach, so that clients retry; it used to be Micronaut's generic 500.
 * <p>
 * Each handler exists only where its exception type is on the classpath (micronaut-data is an optional dependency of
 * this module): a service without a database, such as analytics-service, starts without them.
 */
public final class DatabaseUnavailableHandlers {

    private DatabaseUnavailableHandlers() {
    }

    static HttpResponse<Problem> render(HttpRequest<?> request, Throwable e, boolean alwaysUnavailable) {
        var problem = alwaysUnavailable || DatabaseUnavailable.is(e) ? DatabaseUnavailable.problem() : DatabaseUnavailable.internal();
        return new ApiExceptionHandler().handle(request, problem);
    }

    /** No connection could be had from the pool. */
    @Singleton
    @Produces(Problem.MEDIA_TYPE)
    @Requires(classes = CannotGetJdbcConnectionException.class)
    public static class CannotGetConnection implements ExceptionHandler<CannotGetJdbcConnectionException, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request, CannotGetJdbcConnectionException e) {
            return render(request, e, true);
        }
    }

    /** A connection failed while being prepared (e.g. closed under us). */
    @Singleton
    @Produces(Problem.MEDIA_TYPE)
    @Requires(classes = ConnectionException.class)
    public static class Connection implements ExceptionHandler<ConnectionException, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request, ConnectionException e) {
            return render(request, e, true);
        }
    }

    /** A statement failed: 503 only if the connection was the cause. */
    @Singleton
    @Produces(Problem.MEDIA_TYPE)
    @Requires(classes = DataAccessException.class)
    public static class DataAccess implements ExceptionHandler<DataAccessException, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request, DataAccessException e) {
            return render(request, e, false);
        }
    }

    /** A transaction could not begin, commit or roll back: 503 only if the connection was the cause. */
    @Singleton
    @Produces(Problem.MEDIA_TYPE)
    @Requires(classes = TransactionException.class)
    public static class Transaction implements ExceptionHandler<TransactionException, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request, TransactionException e) {
            return render(request, e, false);
        }
    }
}
