package no.rusvarsel.analytics.intake;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import no.rusvarsel.analytics.cluster.CrossSourceCluster;

import java.time.Duration;
import java.util.Objects;

/**
 * How late a signal may arrive: its {@code observedAt} may lie up to {@code grace} behind the newest event time seen for
 * its county (late laboratory results); a signal later than that is counted on {@code lateRecords}, logged and
 * dead-lettered, never silently dropped. The grace cannot exceed how long the rules' state keeps history.
 */
public record LatePolicy(Duration grace, Counter lateRecords) {

    public static final Duration DEFAULT_GRACE = Duration.ofDays(30);
    /** The rules keep this much history behind a county's newest sighting: a longer grace would admit what they forget. */
    public static final Duration MAX_GRACE = CrossSourceCluster.RETENTION;
    /** Prometheus: {@code rusvarsel_analytics_late_records_total}. */
    public static final String METRIC = "rusvarsel.analytics.late.records";

    public LatePolicy {
        Objects.requireNonNull(grace, "grace");
        Objects.requireNonNull(lateRecords, "lateRecords");
        if (grace.isNegative() || grace.compareTo(MAX_GRACE) > 0) {
            throw new IllegalArgumentException("late grace must be between P0D and " + MAX_GRACE.toDays() + " days, got " + grace);
        }
    }

    public static LatePolicy of(Duration grace, MeterRegistry meters) {
        return new LatePolicy(grace, Counter.builder(METRIC)
                .description("Signals dead-lettered because they arrived later than the grace behind their county's event time")
                .register(meters));
    }

    /** The default grace, counting on a registry of its own (tests, tools). */
    public static LatePolicy defaults() {
        return of(DEFAULT_GRACE, new SimpleMeterRegistry());
    }
}
