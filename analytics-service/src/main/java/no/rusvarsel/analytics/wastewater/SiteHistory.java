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

    /** This history without the samples of {@code signalId} older than {@code version}; itself when there are none. */
    public SiteHistory withoutOlder(String signalId, int version) {
        var kept = samples.stream().filter(s -> !s.signalId().equals(signalId) || s.version() >= version).toList();
        return kept.size() == samples.size() ? this : new SiteHistory(kept, reported);
    }

    /** A measurement: its day, its load (or concentration when no load is given), and whether it was below LOQ. */
    @Serdeable
    public record Sample(String signalId, int version, String day, double value, boolean belowLoq) {
    }
}
