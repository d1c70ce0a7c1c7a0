package no.rusvarsel.analytics.wastewater;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** One treatment-plant site's measurements of one substance (latest version per signal) and the days already reported. */
@Serdeable
public record SiteHistory(List<Sample> samples, List<String> reported) {

    public SiteHistory {
        samples = samples == null ? List.of() : List.copyOf(samples);
        reported = reported == null ? List.of() : List.copyOf(reported);
    }

    /** A measurement: its day, its load (or concentration when no load is given), and whether it was below LOQ. */
    @Serdeable
    public record Sample(String signalId, int version, String day, double value, boolean belowLoq) {
    }
}
