package no.rusvarsel.analytics.wastewater;

import no.rusvarsel.analytics.rules.Detections;
import no.rusvarsel.analytics.rules.RuleContext;
import no.rusvarsel.analytics.rules.StatefulRuleProcessor;
import no.rusvarsel.contracts.catalogue.Hazard;
import no.rusvarsel.contracts.catalogue.Substance;
import no.rusvarsel.contracts.detection.Certainty;
import no.rusvarsel.contracts.detection.Detection;
import no.rusvarsel.contracts.detection.Rule;
import no.rusvarsel.contracts.detection.Severity;
import no.rusvarsel.contracts.signal.ObservedAt;
import no.rusvarsel.contracts.signal.SignalEnvelope;
import no.rusvarsel.contracts.signal.SourceType;
import no.rusvarsel.contracts.signal.WastewaterResult;
import org.apache.kafka.streams.processor.api.Record;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * WASTEWATER_RISE: a site's load of a substance above its own recent history (mean + z·sd of the previous
 * {@code baseline} samples, and at least {@code ratio} × their mean), or a substance quantified at a site for the
 * first time after at least {@code baseline} samples below the limit of quantification. Below-LOQ samples count
 * as 0; late results are judged in their own time; a correction replaces its sample, and takes back the samples of
 * substances (or a site) it no longer reports.
 */
public final class WastewaterRiseProcessor extends StatefulRuleProcessor<SiteHistory> {

    public static final String STORE = "wastewater-sites";

    /** The judgement's settings: baseline samples, z threshold and minimum ratio to the baseline mean. */
    public record Settings(int baseline, double z, double ratio) {
        public static Settings defaults() {
            return new Settings(7, 3.0, 1.5);
        }
    }

    private final Settings settings;

    public WastewaterRiseProcessor(RuleContext rules, Settings settings) {
        super(rules, STORE);
        this.settings = settings;
    }

    @Override
    public void process(Record<String, SignalEnvelope> record) {
        var signal = record.value();
        if (signal.sourceType() != SourceType.WASTEWATER || !(signal.payload() instanceof WastewaterResult result)
                || result.measurements() == null) {
            return;
        }
        var day = LocalDate.ofInstant(signal.observedAt(), ObservedAt.ZONE).toString();
        var measured = result.measurements().stream()
                .filter(m -> m.concentrationNgPerL() != null && rules.match(m.substance()).isPresent()).toList();
        // a correction that no longer reports a substance at this site (or moved the site) takes its sample back
        var touched = measured.stream().map(m -> key(signal, result, rules.match(m.substance()).orElseThrow()))
                .collect(Collectors.toSet());
        retractElsewhere(signal, touched, history -> history.withoutOlder(signal.signalId(), signal.version()));
        for (var m : measured) {
            var substance = rules.match(m.substance()).orElseThrow();
            boolean belowLoq = Boolean.TRUE.equals(m.belowLoq()) || m.concentrationNgPerL() <= 0;
            double value = belowLoq ? 0 : m.loadMgPerDayPer1000() != null ? m.loadMgPerDayPer1000() : m.concentrationNgPerL();
            var sample = new SiteHistory.Sample(signal.signalId(), signal.version(), day, value, belowLoq);
            var detection = add(key(signal, result, substance), sample, signal, result, substance);
            if (detection != null) {
                emit(record, detection);
            }
        }
    }

    private static String key(SignalEnvelope signal, WastewaterResult result, Substance substance) {
        return signal.county() + "|" + result.siteId() + "|" + substance.id();
    }

    private Detection add(String key, SiteHistory.Sample sample, SignalEnvelope signal, WastewaterResult result, Substance substance) {
        var history = store.get(key);
        var samples = new ArrayList<SiteHistory.Sample>();
        for (var s : history == null ? List.<SiteHistory.Sample>of() : history.samples()) {
            if (s.signalId().equals(sample.signalId())) {
                if (s.version() > sample.version()) {
                    return null;
                }
                continue;
            }
            samples.add(s);
        }
        var before = samples.stream().filter(s -> s.day().compareTo(sample.day()) < 0)
                .sorted(Comparator.comparing(SiteHistory.Sample::day)).toList();
        samples.add(sample);
        samples.sort(Comparator.comparing(SiteHistory.Sample::day));
        if (samples.size() > 4 * settings.baseline() + 60) {
            samples.subList(0, samples.size() - (4 * settings.baseline() + 60)).clear();
        }
        var reported = new ArrayList<>(history == null ? List.<String>of() : history.reported());
        Detection detection = null;
        if (!sample.belowLoq() && !reported.contains(sample.day()) && before.size() >= settings.baseline()) {
            var recent = before.subList(before.size() - settings.baseline(), before.size());
            double mean = recent.stream().mapToDouble(SiteHistory.Sample::value).average().orElse(0);
            double sd = Math.sqrt(recent.stream().mapToDouble(s -> (s.value() - mean) * (s.value() - mean)).sum() / (recent.size() - 1));
            boolean first = before.stream().allMatch(SiteHistory.Sample::belowLoq);
            boolean rise = !first && sample.value() > mean + settings.z() * sd && sample.value() >= settings.ratio() * mean;
            if (first || rise) {
                reported.add(sample.day());
                detection = detection(key, sample, first, mean, mean + settings.z() * sd, signal, result, substance);
            }
        }
        if (reported.size() > 100) {
            reported.subList(0, reported.size() - 100).clear();
        }
        store.put(key, new SiteHistory(samples, reported));
        return detection;
    }

    private Detection detection(String key, SiteHistory.Sample sample, boolean first, double mean, double threshold,
                                SignalEnvelope signal, WastewaterResult result, Substance substance) {
        var start = LocalDate.parse(sample.day()).atStartOfDay(ObservedAt.ZONE).toInstant();
        var severity = substance.hazard() == Hazard.CRITICAL ? Severity.CRITICAL
                : substance.hazard() == Hazard.HIGH ? Severity.HIGH : Severity.MODERATE;
        var where = result.siteId() + " in " + rules.regionName(signal.region());
        var summary = first
                ? substance.name() + " quantified in wastewater at " + where + " for the first time (" + sample.day() + ")."
                : substance.name() + " in wastewater at " + where + " rose to " + round(sample.value()) + " on " + sample.day()
                + " against a recent mean of " + round(mean) + ".";
        var metrics = new HashMap<String, Double>(Map.of("observed", sample.value(), "expected", mean));
        if (!first) {
            metrics.put("threshold", threshold);
        }
        return new Detection(Detections.id(Rule.WASTEWATER_RISE, key, sample.day()), Rule.WASTEWATER_RISE, severity,
                Certainty.LIKELY, signal.region(), substance.id(), substance.name(), substance.substanceClass(), start,
                start.plus(Duration.ofDays(1)), List.of(signal.signalId()), Set.of(SourceType.WASTEWATER), metrics, summary,
                rules.clock().instant());
    }

    private static String round(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f", v);
    }
}
