package no.rusvarsel.alerts.delivery;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2015-10-21T07:28:00Z");

    @Test
    void shouldReadDelaySeconds() {
        assertThat(RetryAfter.parse("120", NOW)).contains(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse(" 0 ", NOW)).contains(Duration.ZERO);
    }

    @Test
    void shouldReadAnHttpDateAsTheTimeUntilThen() {
        assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:30:00 GMT", NOW)).contains(Duration.ofMinutes(2));
        assertThat(RetryAfter.parse("Wednesday, 21-Oct-15 07:30:00 GMT", NOW)).contains(Duration.ofMinutes(2));
        assertThat(RetryAfter.parse("Wed Oct 21 07:30:00 2015", NOW)).contains(Duration.ofMinutes(2));
    }

    @Test
    void shouldTreatADateInThePastAsNoWait() {
        assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:00:00 GMT", NOW)).contains(Duration.ZERO);
    }

    @Test
    void shouldIgnoreWhatItCannotRead() {
        assertThat(RetryAfter.parse(null, NOW)).isEmpty();
        assertThat(RetryAfter.parse("", NOW)).isEmpty();
        assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
        assertThat(RetryAfter.parse("-5", NOW)).isEmpty();
        assertThat(RetryAfter.parse("1.5", NOW)).isEmpty();
    }
}
