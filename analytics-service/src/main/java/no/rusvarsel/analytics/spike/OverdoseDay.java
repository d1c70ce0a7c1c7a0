package no.rusvarsel.analytics.spike;

import io.micronaut.serde.annotation.Serdeable;

import java.util.HashMap;
import java.util.Map;

/**
 * One county's patient-event reports of one day (the latest version of each, so a correction replaces, not adds) and
 * whether a spike was already reported for that day.
 *
 * @param signals signal id → its latest version's count
 */
@Serdeable
public record OverdoseDay(Map<String, Contribution> signals, boolean spiked) {

    public OverdoseDay {
        signals = signals == null ? Map.of() : Map.copyOf(signals);
    }

    static OverdoseDay empty() {
        return new OverdoseDay(Map.of(), false);
    }

    OverdoseDay with(String signalId, Contribution contribution) {
        var next = new HashMap<>(signals);
        next.put(signalId, contribution);
        return new OverdoseDay(next, spiked);
    }

    OverdoseDay without(String signalId) {
        var next = new HashMap<>(signals);
        next.remove(signalId);
        return new OverdoseDay(next, spiked);
    }

    OverdoseDay spikeReported() {
        return new OverdoseDay(signals, true);
    }

    /** One patient-event report's count. */
    @Serdeable
    public record Contribution(long count, int version) {
    }
}
