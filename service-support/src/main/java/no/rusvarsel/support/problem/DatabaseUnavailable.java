package no.rusvarsel.support.problem;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Whether an exception means the database cannot be reached now (connection refused, terminated or closed, pool out
 * of connections, server shutting down) rather than a bug or a bad statement; such a failure is answered 503 with
 * {@code Retry-After} (nothing was accepted), not 500.
 */
public final class DatabaseUnavailable {

    /** What clients are told to wait before trying again. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private DatabaseUnavailable() {
    }

    /** True if {@code e} or any cause is a connection-level SQL failure (SQLState class 08, 57P01–57P03, 53300). */
    public static boolean is(Throwable e) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")
                        || state.equals("53300")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The 503 for a database that cannot be reached now. */
    public static ApiException problem() {
        return ApiException.unavailable("the database cannot be reached now; nothing was accepted or changed, try again", RETRY_AFTER);
    }

    /** The 500 for any other failure of the same exception type. */
    public static ApiException internal() {
        return new ApiException(io.micronaut.http.HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal Server Error",
                "the request failed; it was not completed", null, null);
    }
}
