package no.rusvarsel.analytics.situation;

import no.rusvarsel.analytics.intake.SignalIntake;
import no.rusvarsel.analytics.rules.RuleContext;
import no.rusvarsel.contracts.signal.ObservedAt;
import no.rusvarsel.contracts.signal.SignalEnvelope;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the situation counts (county, day, region, substance class, source type → count) that the situation API
 * reads. Each signal's contribution is remembered under its id, so a correction first takes back what the older
 * version added, and a duplicate or an older version changes nothing. Signals are partitioned by county, so a county's
 * counts live on one partition. Hourly it forgets contributions beyond correction and counts beyond the API's reach.
 */
public final class SituationProcessor implements Processor<String, SignalEnvelope, Void, Void> {

    public static final String COUNTS_STORE = "situation-counts";
    public static final String SIGNALS_STORE = "situation-signals";
    /** Days of counts kept behind a county's event time: the API's longest period plus the late grace, with room. */
    public static final int COUNT_RETENTION_DAYS = 130;
    static final Duration PRUNE_INTERVAL = Duration.ofHours(1);

    private final RuleContext rules;
    private final Duration grace;
    private KeyValueStore<String, Long> counts;
    private KeyValueStore<String, SituationSignal> signals;
    private KeyValueStore<String, Long> eventTime;

    public SituationProcessor(RuleContext rules, Duration grace) {
        this.rules = rules;
        this.grace = grace;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        counts = context.getStateStore(COUNTS_STORE);
        signals = context.getStateStore(SIGNALS_STORE);
        eventTime = context.getStateStore(SignalIntake.EVENT_TIME_STORE);
        context.schedule(PRUNE_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> prune());
    }

    @Override
    public void process(Record<String, SignalEnvelope> record) {
        var signal = record.value();
        var previous = signals.get(signal.signalId());
        if (previous != null && previous.version() >= signal.version()) {
            return; // the same version again, or an older one arriving late: already counted, or superseded
        }
        if (previous != null) {
            previous.cells().forEach((key, amount) -> add(key, -amount));
        }
        var cells = SituationCells.of(signal, rules);
        cells.forEach(this::add);
        signals.put(signal.signalId(), new SituationSignal(signal.version(), signal.county(),
                LocalDate.ofInstant(signal.observedAt(), ObservedAt.ZONE).toString(), cells));
    }

    private void add(String key, long amount) {
        var current = counts.get(key);
        long next = (current == null ? 0 : current) + amount;
        if (next <= 0) {
            counts.delete(key);
        } else {
            counts.put(key, next);
        }
    }

    /** Forgets contributions a correction can no longer reach (beyond the grace) and counts beyond the retention. */
    void prune() {
        var countyDays = new HashMap<String, LocalDate>();
        try (var all = eventTime.all()) {
            all.forEachRemaining(kv -> countyDays.put(kv.key, LocalDate.ofInstant(Instant.ofEpochMilli(kv.value), ObservedAt.ZONE)));
        }
        var forget = new ArrayList<String>();
        try (var all = signals.all()) {
            all.forEachRemaining(kv -> {
                var newest = countyDays.get(kv.value.county());
                if (newest != null && LocalDate.parse(kv.value.day()).isBefore(newest.minusDays(grace.toDays() + 1))) {
                    forget.add(kv.key);
                }
            });
        }
        forget.forEach(signals::delete);
        for (Map.Entry<String, LocalDate> county : countyDays.entrySet()) {
            var cutoff = county.getValue().minusDays(COUNT_RETENTION_DAYS);
            List<String> old = new ArrayList<>();
            try (var range = counts.range(SituationKey.countyStart(county.getKey()),
                    SituationKey.lowerBound(county.getKey(), cutoff))) {
                range.forEachRemaining((KeyValue<String, Long> kv) -> old.add(kv.key));
            }
            old.forEach(counts::delete);
        }
    }
}
