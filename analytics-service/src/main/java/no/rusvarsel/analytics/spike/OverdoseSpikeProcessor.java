package no.rusvarsel.analytics.spike;

import no.rusvarsel.analytics.aberration.Cusum;
import no.rusvarsel.analytics.aberration.DailyResult;
import no.rusvarsel.analytics.aberration.EarsC;
import no.rusvarsel.analytics.aberration.PoissonTail;
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
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

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
 * minimum count, and improbable for a Poisson count at the baseline's rate ({@link SpikeSettings#poissonAlpha()}), is
 * reported once. A county is judged only once its reported history covers the baseline (days before its first report
 * are unknown, not zero). A report corrected into a poison-centre enquiry stops counting. State is kept per county and
 * day ({@code county|date}: the day's reports, and separately its total), so a report costs the same however many
 * the county has had. Signals are partitioned by county, so no repartition.
 */
public final class OverdoseSpikeProcessor extends StatefulRuleProcessor<OverdoseDay> {

    /** {@code county|date} → that day's reports. */
    public static final String STORE = "overdose-county-days";
    /** {@code county|date} → that day's overdoses. */
    public static final String TOTALS_STORE = "overdose-county-totals";
    /** Days of history the judgement sees before the day judged (covers C3's baseline, guard and lags). */
    static final int HISTORY_DAYS = 28;
    /** C2's 2-day guard plus C3's 2 lag days: how much history beyond the baseline a judgement needs. */
    static final int GUARD_AND_LAGS = 4;
    /** Days kept behind a day reported: the history a judgement sees, plus room for late reports. */
    static final int RETENTION_DAYS = HISTORY_DAYS + 30;

    private final SpikeSettings settings;
    private KeyValueStore<String, Long> totals;

    public OverdoseSpikeProcessor(RuleContext rules, SpikeSettings settings) {
        super(rules, STORE);
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, Detection> context) {
        super.init(context);
        totals = context.getStateStore(TOTALS_STORE);
    }

    @Override
    public void process(Record<String, SignalEnvelope> record) {
        var signal = record.value();
        if (signal.sourceType() != SourceType.PATIENT_EVENT || !(signal.payload() instanceof PatientEvent event)) {
            return;
        }
        var county = signal.county();
        var day = LocalDate.ofInstant(signal.observedAt(), ObservedAt.ZONE);
        var previousDay = previousDay(county, signal, day);
        if (previousDay != null) {
            var previous = store.get(key(county, previousDay)).signals().get(signal.signalId());
            if (previous.version() > signal.version()) {
                return; // an older version arriving late changes nothing
            }
            // the older version's count no longer counts (corrected, or moved to another day, or into an enquiry)
            store.put(key(county, previousDay), store.get(key(county, previousDay)).without(signal.signalId()));
            addToTotal(county, previousDay, -previous.count());
        }
        if (event.eventType() == PatientEvent.EventType.POISONING_ENQUIRY) {
            return;
        }
        long count = event.count() == null ? 1 : event.count();
        var stored = store.get(key(county, day));
        var today = (stored == null ? OverdoseDay.empty() : stored).with(signal.signalId(),
                new OverdoseDay.Contribution(count, signal.version()));
        addToTotal(county, day, count);
        forgetBefore(county, day.minusDays(RETENTION_DAYS));

        var judged = judge(county, day);
        if (judged != null && judged.alarm() && judged.observed() >= settings.minimumCount() && improbable(judged) && !today.spiked()) {
            today = today.spikeReported();
            emit(record, detection(county, day, judged, new TreeSet<>(today.signals().keySet())));
        }
        store.put(key(county, day), today);
    }

    private static String key(String county, LocalDate day) {
        return county + "|" + day;
    }

    /**
     * The day holding this signal's earlier version, if any: its own day for a repeated delivery; for a correction
     * (which may have moved it) any day the county still keeps.
     */
    private LocalDate previousDay(String county, SignalEnvelope signal, LocalDate day) {
        var same = store.get(key(county, day));
        if (same != null && same.signals().containsKey(signal.signalId())) {
            return day;
        }
        if (signal.version() <= 1) {
            return null;
        }
        try (var days = store.range(county + "|", county + "|\uffff")) {
            while (days.hasNext()) {
                var kv = days.next();
                if (kv.value.signals().containsKey(signal.signalId())) {
                    return LocalDate.parse(kv.key.substring(county.length() + 1));
                }
            }
        }
        return null;
    }

    private void addToTotal(String county, LocalDate day, long delta) {
        var current = totals.get(key(county, day));
        long next = (current == null ? 0 : current) + delta;
        if (next > 0) {
            totals.put(key(county, day), next);
        } else {
            totals.delete(key(county, day)); // nothing reported that day (any more): unknown, as before a first report
        }
    }

    /** Drops the county's days before {@code cutoff} from both stores. */
    private void forgetBefore(String county, LocalDate cutoff) {
        var old = new ArrayList<String>();
        try (var days = totals.range(county + "|", key(county, cutoff))) {
            days.forEachRemaining(kv -> {
                if (!kv.key.equals(key(county, cutoff))) {
                    old.add(kv.key);
                }
            });
        }
        old.forEach(k -> {
            totals.delete(k);
            store.delete(k);
        });
    }

    /**
     * Whether the day's count is also improbable for a Poisson count at the baseline's mean rate, the rate taken as at
     * least 3 / baseline (a week without overdoses cannot rule out about 0.43 a day).
     */
    private boolean improbable(DailyResult r) {
        return settings.poissonAlpha() >= 1 || PoissonTail.atLeast(r.observed(), rate(r)) < settings.poissonAlpha();
    }

    private double rate(DailyResult r) {
        return Math.max(r.expected(), 3.0 / settings.baseline());
    }

    /** The judgement of {@code day} given the county's daily counts of the days before it. */
    private DailyResult judge(String county, LocalDate day) {
        LocalDate earliest = null;
        var counts = new long[HISTORY_DAYS + 1];
        try (var days = totals.range(county + "|", key(county, day))) {
            while (days.hasNext()) {
                var kv = days.next();
                var d = LocalDate.parse(kv.key.substring(county.length() + 1));
                earliest = earliest == null ? d : earliest;
                long offset = day.toEpochDay() - d.toEpochDay();
                if (offset >= 0 && offset <= HISTORY_DAYS) {
                    counts[(int) (HISTORY_DAYS - offset)] += kv.value;
                }
            }
        }
        if (earliest == null || earliest.isAfter(day.minusDays(settings.baseline() + GUARD_AND_LAGS))) {
            // the county's history does not reach back over the baseline yet: days before it are unknown, not zero
            return null;
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
        metrics.put("poissonProbability", PoissonTail.atLeast(r.observed(), rate(r)));
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
