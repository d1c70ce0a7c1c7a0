package no.rusvarsel.alerts.delivery;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryScheduleTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    @Test
    void shouldSpreadTheDefaultScheduleOverAboutADay() {
        // Given the default schedule
        var schedule = RetrySchedule.parse(RetrySchedule.DEFAULT, 0.2, Duration.ofHours(24));

        // Then it makes 11 attempts over about 24 hours, each wait at least as long as the one before
        assertThat(schedule.maxAttempts()).isEqualTo(11);
        assertThat(schedule.span()).isBetween(Duration.ofHours(23), Duration.ofHours(25));
        for (int i = 1; i < schedule.delays().size(); i++) {
            assertThat(schedule.delays().get(i)).isGreaterThanOrEqualTo(schedule.delays().get(i - 1));
        }
    }

    @Test
    void shouldReadEveryUnit() {
        var schedule = RetrySchedule.parse("250ms, 5s,5m ,2h,1d", 0, Duration.ofHours(24));

        assertThat(schedule.delays()).containsExactly(Duration.ofMillis(250), Duration.ofSeconds(5), Duration.ofMinutes(5),
                Duration.ofHours(2), Duration.ofDays(1));
    }

    @Test
    void shouldRefuseAScheduleItCannotRead() {
        assertThatThrownBy(() -> RetrySchedule.parse("5s,soon", 0, Duration.ofHours(24)))
                .hasMessageContaining("soon");
        assertThatThrownBy(() -> RetrySchedule.parse("5s", 1.5, Duration.ofHours(24)))
                .hasMessageContaining("jitter");
    }

    @Test
    void shouldWaitTheScheduledDelayAfterEachAttemptAndThenGiveUp() {
        // Given a schedule without jitter
        var schedule = RetrySchedule.parse("5s,5m,2h", 0, Duration.ofHours(24));

        // Then attempt n waits delay n, and after the fourth attempt there is none
        assertThat(schedule.nextDelay(1, null, () -> 0.5)).contains(Duration.ofSeconds(5));
        assertThat(schedule.nextDelay(2, null, () -> 0.5)).contains(Duration.ofMinutes(5));
        assertThat(schedule.nextDelay(3, null, () -> 0.5)).contains(Duration.ofHours(2));
        assertThat(schedule.nextDelay(4, null, () -> 0.5)).isEmpty();
    }

    @Test
    void shouldJitterWithinTheConfiguredFraction() {
        // Given ±20 % jitter on 100 s
        var schedule = RetrySchedule.parse("100s", 0.2, Duration.ofHours(24));

        // Then the extremes of the random draw give 80 s and (almost) 120 s
        assertThat(schedule.nextDelay(1, null, () -> 0.0)).contains(Duration.ofSeconds(80));
        assertThat(schedule.nextDelay(1, null, () -> 0.5)).contains(Duration.ofSeconds(100));
        assertThat(schedule.nextDelay(1, null, () -> 0.999_999).orElseThrow()).isBetween(Duration.ofSeconds(119), Duration.ofSeconds(120));
    }

    @Test
    void shouldNeverRetrySoonerThanRetryAfterUpToItsCap() {
        // Given a 5 s delay and a cap of one hour on Retry-After
        var schedule = RetrySchedule.parse("5s,5s", 0, Duration.ofHours(1));

        // Then a longer Retry-After wins, a shorter one does not shorten the wait, a huge one is capped
        assertThat(schedule.nextDelay(1, Duration.ofSeconds(120), () -> 0.5)).contains(Duration.ofSeconds(120));
        assertThat(schedule.nextDelay(1, Duration.ofSeconds(1), () -> 0.5)).contains(Duration.ofSeconds(5));
        assertThat(schedule.nextDelay(1, Duration.ofDays(30), () -> 0.5)).contains(Duration.ofHours(1));
    }

    @Test
    void shouldDecideDeliveredRetryFailedGoneAndRefused() {
        var schedule = RetrySchedule.parse("5s", 0, Duration.ofHours(1));

        assertThat(Decision.after(AttemptResult.delivered(204, null), 1, schedule, NOW, () -> 0.5))
                .isEqualTo(new Decision(DeliveryStatus.DELIVERED, Outcome.DELIVERED, null));
        assertThat(Decision.after(AttemptResult.failed(500, "HTTP 500", null, null), 1, schedule, NOW, () -> 0.5))
                .isEqualTo(new Decision(DeliveryStatus.PENDING, Outcome.RETRY, NOW.plusSeconds(5)));
        assertThat(Decision.after(AttemptResult.failed(500, "HTTP 500", null, null), 2, schedule, NOW, () -> 0.5))
                .isEqualTo(new Decision(DeliveryStatus.FAILED, Outcome.FAILED, null));
        assertThat(Decision.after(AttemptResult.gone(410, null), 1, schedule, NOW, () -> 0.5))
                .isEqualTo(new Decision(DeliveryStatus.FAILED, Outcome.GONE, null));
        assertThat(Decision.after(AttemptResult.refused("loopback"), 1, schedule, NOW, () -> 0.5))
                .isEqualTo(new Decision(DeliveryStatus.FAILED, Outcome.REFUSED, null));
    }
}
