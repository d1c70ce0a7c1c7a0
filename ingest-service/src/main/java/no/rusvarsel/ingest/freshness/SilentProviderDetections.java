package no.rusvarsel.ingest.freshness;

import no.rusvarsel.contracts.catalogue.RegionCatalogue;
import no.rusvarsel.contracts.detection.Certainty;
import no.rusvarsel.contracts.detection.Detection;
import no.rusvarsel.contracts.detection.Rule;
import no.rusvarsel.contracts.detection.Severity;
import no.rusvarsel.contracts.signal.SourceType;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Turns a silent provider into a {@code PROVIDER_SILENT} detection (family OPERATIONAL, evidence = [providerId]).
 * The id depends only on (provider, silent-since), so repeating the check never makes a second alert. Region: the
 * provider's first catalogue region, else the configured fallback county (default {@code 03}, Oslo: where the
 * national operators sit), so alert-service can always map it to a county.
 */
public final class SilentProviderDetections {

    private final RegionCatalogue regions;
    private final String fallbackCounty;
    private final Severity severity;

    public SilentProviderDetections(RegionCatalogue regions, String fallbackCounty, Severity severity) {
        if (regions.countyOf(fallbackCounty).isEmpty()) {
            throw new IllegalArgumentException("fallback region " + fallbackCounty + " is not in the region catalogue");
        }
        this.regions = regions;
        this.fallbackCounty = fallbackCounty;
        this.severity = severity;
    }

    public static String detectionId(String providerId, Instant silentSince) {
        var name = Rule.PROVIDER_SILENT + "|" + providerId + "|" + silentSince;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    public Optional<Detection> of(ProviderFreshness f, Instant now) {
        if (!f.silent()) {
            return Optional.empty();
        }
        var region = f.regions().stream().filter(r -> regions.countyOf(r).isPresent()).findFirst().orElse(fallbackCounty);
        var since = f.lastSignalAt() == null ? "it was registered" : "its last accepted signal at " + f.lastSignalAt();
        var summary = "Data provider " + f.name() + " (" + f.providerId() + ") has sent nothing since " + since
                + ", longer than its expected interval of " + readable(f.expectedIntervalMinutes()) + ".";
        var types = f.sourceTypes().stream().map(SourceType::fromPath).flatMap(Optional::stream).collect(Collectors.toSet());
        var windowStart = f.silentSince().minusSeconds(f.expectedIntervalMinutes() * 60);
        return Optional.of(new Detection(detectionId(f.providerId(), f.silentSince()), Rule.PROVIDER_SILENT, severity,
                Certainty.OBSERVED, region, null, null, null, windowStart, f.silentSince(),
                java.util.List.of(f.providerId()), types,
                Map.of("expectedIntervalMinutes", (double) f.expectedIntervalMinutes()), summary, now));
    }

    static String readable(long minutes) {
        if (minutes % 1440 == 0) {
            return plural(minutes / 1440, "day");
        }
        return minutes % 60 == 0 ? plural(minutes / 60, "hour") : plural(minutes, "minute");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }

    /** The county a detection's region rolls up to (its episode key's county). */
    public String countyOf(Detection d) {
        return regions.countyOf(d.region()).orElse(fallbackCounty);
    }
}
