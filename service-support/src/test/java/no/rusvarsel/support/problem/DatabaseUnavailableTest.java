package no.rusvarsel.support.problem;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseUnavailableTest {

    @Test
    void connectionFailuresAnywhereInTheChainAreUnavailable() {
        assertThat(DatabaseUnavailable.is(new RuntimeException("wrapped", new SQLTransientConnectionException("pool timed out")))).isTrue();
        assertThat(DatabaseUnavailable.is(new RuntimeException(new SQLException("This connection has been closed.", "08003")))).isTrue();
        assertThat(DatabaseUnavailable.is(new SQLException("terminating connection due to administrator command", "57P01"))).isTrue();
        assertThat(DatabaseUnavailable.is(new SQLException("the database system is starting up", "57P03"))).isTrue();
        assertThat(DatabaseUnavailable.is(new SQLException("too many connections", "53300"))).isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(DatabaseUnavailable.is(new RuntimeException("bug"))).isFalse();
        assertThat(DatabaseUnavailable.is(new RuntimeException(new SQLException("duplicate key", "23505")))).isFalse();
        assertThat(DatabaseUnavailable.is(new SQLException("no state"))).isFalse();
    }

    @Test
    void theAnswerIs503WithRetryAfter() {
        var problem = DatabaseUnavailable.problem();
        assertThat(problem.status().getCode()).isEqualTo(503);
        assertThat(problem.retryAfter()).isPositive();
        assertThat(DatabaseUnavailable.internal().status().getCode()).isEqualTo(500);
    }
}
