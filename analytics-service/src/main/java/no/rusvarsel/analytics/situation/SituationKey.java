package no.rusvarsel.analytics.situation;

import no.rusvarsel.contracts.signal.SourceType;

import java.time.LocalDate;

/**
 * A key of the situation counts store: {@code county|date|region|substanceClass|SOURCE_TYPE}. County first and the
 * ISO date next, so one county's days are one contiguous, date-ordered range of the store.
 *
 * @param region the signal's own region: a municipality, or the county itself when reported at county level
 */
public record SituationKey(String county, LocalDate date, String region, String substanceClass, SourceType sourceType) {

    private static final char SEP = '|';

    public String encode() {
        return county + SEP + date + SEP + region + SEP + substanceClass + SEP + sourceType.name();
    }

    public static SituationKey decode(String key) {
        var parts = key.split("\\|", -1);
        if (parts.length != 5) {
            throw new IllegalArgumentException("not a situation key: " + key);
        }
        return new SituationKey(parts[0], LocalDate.parse(parts[1]), parts[2], parts[3], SourceType.valueOf(parts[4]));
    }

    /** Below every key of {@code county}. */
    static String countyStart(String county) {
        return county + SEP;
    }

    /** The smallest key of {@code county}'s day {@code from}. */
    static String lowerBound(String county, LocalDate from) {
        return county + SEP + from + SEP;
    }

    /** A bound above every key of {@code county}'s day {@code to} (keys are ASCII). */
    static String upperBound(String county, LocalDate to) {
        return county + SEP + to + SEP + '\uffff';
    }
}
