package no.rusvarsel.alerts.cap;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Formats instants as CAP 1.2 dateTimes (whole seconds, numeric offset, UTC as {@code -00:00}) and Atom dates. */
public final class CapTimes {

    private static final DateTimeFormatter CAP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");

    private CapTimes() {
    }

    public static String cap(Instant instant, ZoneId zone) {
        var text = CAP.format(instant.truncatedTo(ChronoUnit.SECONDS).atZone(zone));
        // CAP 1.2 §3.3.2: "the timezone for UTC MUST be represented as -00:00"
        return text.endsWith("+00:00") ? text.substring(0, text.length() - 6) + "-00:00" : text;
    }

    /** An RFC 3339 date for Atom: whole seconds, {@code Z} for UTC. */
    public static String atom(Instant instant, ZoneId zone) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.truncatedTo(ChronoUnit.SECONDS).atZone(zone));
    }
}
