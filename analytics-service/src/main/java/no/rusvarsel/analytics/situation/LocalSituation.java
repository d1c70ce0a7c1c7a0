package no.rusvarsel.analytics.situation;

import io.micronaut.core.annotation.Nullable;
import no.rusvarsel.contracts.signal.SourceType;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads one county's cells from a situation counts store: for the county as a whole (its municipalities and what was
 * reported for the county itself, summed), or for exactly one of its municipalities.
 */
public final class LocalSituation {

    /** One day's count of a substance class from one source type in a region. */
    public record Cell(LocalDate date, String region, String substanceClass, SourceType sourceType, long count) {
    }

    private LocalSituation() {
    }

    /**
     * @param municipality null for the whole county; else only signals reported for this municipality
     */
    public static List<Cell> query(ReadOnlyKeyValueStore<String, Long> store, String county, @Nullable String municipality,
                                   LocalDate from, LocalDate to) {
        var region = municipality == null ? county : municipality;
        var sums = new TreeMap<String, Cell>();
        try (var range = store.range(SituationKey.lowerBound(county, from), SituationKey.upperBound(county, to))) {
            range.forEachRemaining(kv -> {
                var key = SituationKey.decode(kv.key);
                if (municipality != null && !municipality.equals(key.region())) {
                    return;
                }
                var id = key.date() + "|" + key.substanceClass() + "|" + key.sourceType();
                sums.merge(id, new Cell(key.date(), region, key.substanceClass(), key.sourceType(), kv.value),
                        (a, b) -> new Cell(a.date(), a.region(), a.substanceClass(), a.sourceType(), a.count() + b.count()));
            });
        }
        return new ArrayList<>(sums.values());
    }

    /** Every cell of a store, keyed as stored (for tests and diagnostics). */
    public static Map<String, Long> all(ReadOnlyKeyValueStore<String, Long> store) {
        var out = new TreeMap<String, Long>();
        try (var all = store.all()) {
            all.forEachRemaining(kv -> out.put(kv.key, kv.value));
        }
        return out;
    }
}
