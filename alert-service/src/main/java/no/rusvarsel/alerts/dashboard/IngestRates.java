package no.rusvarsel.alerts.dashboard;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Signals per minute per source type and rejected records, from ingest's {@code rusvarsel_ingest_records_total}
 * counters: the rate is the change since the previous reading (at least 5 s earlier) divided by the time between.
 */
@Singleton
public class IngestRates {

    static final String METRIC = "rusvarsel_ingest_records_total";
    private static final Set<String> ACCEPTED = Set.of("accepted", "corrected");
    private static final Duration MIN_SPAN = Duration.ofSeconds(5);

    private Reading previous;
    private Reading latest;

    /** Per source type: total accepted and rejected records since ingest started and per-minute rates. */
    @Serdeable
    public record SourceRate(String sourceType, double acceptedTotal, double rejectedTotal,
                             Double acceptedPerMinute, Double rejectedPerMinute) {
    }

    @Serdeable
    public record Rates(Map<String, SourceRate> bySourceType, double rejectedTotal, Double rateSpanSeconds) {
    }

    private record Reading(Instant at, Map<String, double[]> counts) {
    }

    public synchronized Rates update(String prometheusText, Instant now) {
        var counts = new TreeMap<String, double[]>();
        PrometheusText.samples(prometheusText, METRIC).forEach((labels, value) -> {
            var type = labels.getOrDefault("source_type", "unknown");
            var outcome = labels.getOrDefault("outcome", "");
            var c = counts.computeIfAbsent(type, t -> new double[2]);
            if (ACCEPTED.contains(outcome)) {
                c[0] += value;
            } else if (outcome.equals("rejected")) {
                c[1] += value;
            }
        });
        var reading = new Reading(now, counts);
        if (latest != null && Duration.between(latest.at(), now).compareTo(MIN_SPAN) >= 0) {
            previous = latest;
        }
        latest = reading;
        var base = previous != null && previous != reading ? previous : null;
        double span = base == null ? 0 : Duration.between(base.at(), now).toMillis() / 1000.0;
        var out = new TreeMap<String, SourceRate>();
        double rejected = 0;
        for (var e : counts.entrySet()) {
            var before = base == null ? null : base.counts().getOrDefault(e.getKey(), new double[2]);
            Double acceptedRate = before == null || span <= 0 ? null : Math.max(0, e.getValue()[0] - before[0]) * 60 / span;
            Double rejectedRate = before == null || span <= 0 ? null : Math.max(0, e.getValue()[1] - before[1]) * 60 / span;
            out.put(e.getKey(), new SourceRate(e.getKey(), e.getValue()[0], e.getValue()[1], acceptedRate, rejectedRate));
            rejected += e.getValue()[1];
        }
        return new Rates(out, rejected, span > 0 ? span : null);
    }
}
