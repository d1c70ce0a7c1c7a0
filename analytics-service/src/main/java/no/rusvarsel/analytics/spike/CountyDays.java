package no.rusvarsel.analytics.spike;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/**
 * A county's patient-event contributions per signal (so a correction replaces, not adds) and the days it has
 * already reported a spike for.
 *
 * @param contributions signal id → its latest version's day (ISO date, Norwegian time) and count
 */
@Serdeable
public record CountyDays(Map<String, Contribution> contributions, List<String> spikeDays) {

    public CountyDays {
        contributions = contributions == null ? Map.of() : Map.copyOf(contributions);
        spikeDays = spikeDays == null ? List.of() : List.copyOf(spikeDays);
    }

    /** One patient-event signal's count on its day. */
    @Serdeable
    public record Contribution(String day, long count, int version) {
    }
}
