package no.rusvarsel.analytics.situation;

import io.micronaut.serde.annotation.Serdeable;
import no.rusvarsel.contracts.signal.SourceType;

import java.time.LocalDate;
import java.util.Comparator;

/**
 * One cell of the situation picture as the API shows it: a day, a region, a substance class and a source type (its
 * ingest path name, e.g. {@code patient-event}) with its count. A patient-event count from 1 to 4 is the string
 * {@value #SMALL} to anyone who may not see small counts of patient data; every other count is a number.
 *
 * @param count a number, or {@value #SMALL}
 */
@Serdeable
public record SituationCount(LocalDate date, String region, String substanceClass, String sourceType, Object count) {

    public static final String SMALL = "<5";
    static final long SMALLEST_SHOWN = 5;

    static final Comparator<SituationCount> ORDER = Comparator.comparing(SituationCount::date)
            .thenComparing(SituationCount::region).thenComparing(SituationCount::substanceClass)
            .thenComparing(SituationCount::sourceType);

    /** The cell as {@code viewer} may see it. */
    static SituationCount of(LocalSituation.Cell cell, boolean seesSmallCounts) {
        boolean mask = !seesSmallCounts && cell.sourceType() == SourceType.PATIENT_EVENT
                && cell.count() > 0 && cell.count() < SMALLEST_SHOWN;
        return new SituationCount(cell.date(), cell.region(), cell.substanceClass(), cell.sourceType().path(),
                mask ? SMALL : (Object) cell.count());
    }
}
