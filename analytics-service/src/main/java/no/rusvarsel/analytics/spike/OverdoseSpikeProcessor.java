package no.rusvarsel.analytics.spike;

import no.rusvarsel.analytics.aberration.Cusum;
import no.rusvarsel.analytics.aberration.DailyResult;
import no.rusvarsel.analytics.aberration.EarsC;
import no.rusvarsel.analytics.rules.Detections;
import no.rusvarsel.analytics.rules.RuleContext;
import no.rusvarsel.analytics.rules.StatefulRuleProcessor;
import no.rusvarsel.contracts.detection.Certainty;
import no.rusvarsel.contracts.detection.Detection;
import no.rusvarsel.contracts.detection.Rule;
import no.rusvarsel.contracts.detection.Severity;
import no.rusvarsel.contracts.signal.ObservedAt;
import no.rusvarsel.contracts.signal.PatientEvent;
import no.rusvarsel.contracts.signal.SignalEnvelope;
import no.rusvarsel.contracts.signal.SourceType;
import org.apache.kafka.streams.processor.api.Record;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * OVERDOSE_SPIKE: daily overdose counts per county (by event time; a correction replaces its signal's count)
 * judged by EARS (or CUSUM) against the county's own recent days; a day over the threshold and over the
 * minimum count is reported once. A county is judged only once its reported history covers the baseline (days
 * before its first report are unknown, not zero). Signals are partitioned by county, so no repartition.
 */
public final class OverdoseSpikeProcessor extends StatefulRuleProcessor<CountyDays> {

    public static final String STORE = "overdose-days";
    /** Days of history the judgement sees before the day judged (covers C3's baseline, guard and lags). */
    static final int HISTORY_DAYS = 28;
    /** C2's 2-day guard plus C3's 2 lag days: how much history beyond the baseline a judgement needs. */
    static final int GUARD_AND_LAGS = 4;

    private final SpikeSettings settings;

    public OverdoseSpikeProcessor(RuleContext rules, SpikeSettings settings) {
        super(rules, STORE);
        this.settings = settings;
    }

    @Override
    public void process(Record<String, SignalEnvelope> record) {
        var signal = record.value();
        if (signal.sourceType() != SourceType.PATIENT_EVENT || !(signal.payload() instanceof PatientEvent event)
                || event.eventType() == PatientEvent.EventType.POISONING_ENQUIRY) {
            return;
        }
        var county = signal.county();
        var state = store.get(county);
        var contributions = new HashMap<>(state == null ? Map.<String, CountyDays.Contribution>of() : state.contributions());
        var previous = contributions.get(signal.signalId());
        if (previous != null && previous.version() > signal.version()) {
            return; // an older version arriving late changes nothing
        }
        var day = LocalDate.ofInstant(signal.observedAt(), ObservedAt.ZONE);
        contributions.put(signal.signalId(), new CountyDays.Contribution(day.toString(), event.count() == null ? 1 : event.count(),
                signal.version()));
        var newest = contributions.values().stream().map(c -> LocalDate.parse(c.day())).max(LocalDate::compareTo).orElse(day);
        contributions.values().removeIf(c -> LocalDate.parse(c.day()).isBefore(newest.minusDays(HISTORY_DAYS + 30)));

        var spikeDays = new ArrayList<>(state == null ? List.<String>of() : state.spikeDays());
        var judged = judge(contributions, day);
        if (judged != null && judged.alarm() && judged.observed() >= settings.minimumCount() && !spikeDays.contains(day.toString())) {
            spikeDays.add(day.toString());
            var evidence = new TreeSet<String>();
            contributions.forEach((id, c) -> {
                if (c.day().equals(day.toString())) {
                    evidence.add(id);
                }
            });
            var detection = detection(county, day, judged, evidence);
            emit(record, detection);
        }
        spikeDays.removeIf(d -> LocalDate.parse(d).isBefore(newest.minusDays(HISTORY_DAYS + 30)));
        store.put(county, new CountyDays(contributions, spikeDays));
    }

    /** The judgement of {@code day} given the county's daily counts of the days before it. */
    private DailyResult judge(Map<String, CountyDays.Contribution> contributions, LocalDate day) {
        var earliest = contributions.values().stream().map(c -> LocalDate.parse(c.day())).min(LocalDate::compareTo).orElse(day);
        if (earliest.isAfter(day.minusDays(settings.baseline() + GUARD_AND_LAGS))) {
            // the county's history does not reach back over the baseline yet: days before it are unknown, not zero
            return null;
        }
        var counts = new long[HISTORY_DAYS + 1];
        for (var c : contributions.values()) {
            var d = LocalDate.parse(c.day());
            long offset = day.toEpochDay() - d.toEpochDay();
            if (offset >= 0 && offset <= HISTORY_DAYS) {
                counts[(int) (HISTORY_DAYS - offset)] += c.count();
            }
        }
        List<DailyResult> results = switch (settings.method()) {
            case C1 -> EarsC.evaluate(counts, EarsC.Method.C1, settings.alpha(), settings.baseline());
            case C2 -> EarsC.evaluate(counts, EarsC.Method.C2, settings.alpha(), settings.baseline());
            case C3 -> EarsC.evaluate(counts, EarsC.Method.C3, settings.alpha(), settings.baseline());
            case CUSUM -> Cusum.evaluate(counts, settings.baseline(), Cusum.DEFAULT_K, Cusum.DEFAULT_H);
        };
        return results.stream().filter(r -> r.index() == HISTORY_DAYS).findFirst().orElse(null);
    }

    private Detection detection(String county, LocalDate day, DailyResult r, Set<String> evidence) {
        var start = day.atStartOfDay(ObservedAt.ZONE).toInstant();
        var summary = "Overdoses in " + rules.regionName(county) + " on " + day + ": " + r.observed() + " against an expected "
                + round(r.expected()) + " (" + settings.method() + " threshold " + round(r.upperbound()) + ").";
        var metrics = new HashMap<String, Double>();
        metrics.put("observed", (double) r.observed());
        putFinite(metrics, "expected", r.expected());
        putFinite(metrics, "threshold", r.upperbound());
        putFinite(metrics, "statistic", r.statistic());
        return new Detection(Detections.id(Rule.OVERDOSE_SPIKE, county, day + "|" + settings.method()), Rule.OVERDOSE_SPIKE,
                Severity.HIGH, Certainty.LIKELY, county, null, null, null, start, start.plus(java.time.Duration.ofDays(1)),
                List.copyOf(evidence), Set.of(SourceType.PATIENT_EVENT), metrics, summary, rules.clock().instant());
    }

    private static void putFinite(Map<String, Double> metrics, String name, double value) {
        if (Double.isFinite(value)) {
            metrics.put(name, value);
        }
    }

    private static String round(double v) {
        return Double.isFinite(v) ? String.format(java.util.Locale.ROOT, "%.1f", v) : "n/a";
    }
}
