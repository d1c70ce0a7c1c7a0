package no.rusvarsel.contracts.signal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** Parses the event time of a record: an ISO-8601 date (start of that day, Norwegian time) or an instant with offset. */
public final class ObservedAt {

    public static final ZoneId ZONE = ZoneId.of("Europe/Oslo");

    private ObservedAt() {
    }

    /**
     * @throws DateTimeException if the text is neither {@code 2025-03-01} nor {@code 2025-03-01T12:00:00Z}
     *                           (or with an offset such as {@code +01:00})
     */
    public static Instant parse(String text) {
        if (text == null) {
            throw new DateTimeException("missing date");
        }
        if (text.length() == 10) {
            return LocalDate.parse(text).atStartOfDay(ZONE).toInstant();
        }
        return OffsetDateTime.parse(text).toInstant();
    }
}
