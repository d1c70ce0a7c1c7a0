package no.rusvarsel.alerts.delivery;

import java.time.Duration;
import java.util.regex.Pattern;

/** Reads the short durations of the retry schedule: a whole number and a unit, {@code ms}, {@code s}, {@code m}, {@code h} or {@code d}. */
public final class Durations {

    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    private Durations() {
    }

    public static Duration parse(String text) {
        var m = SHORT.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration like 500ms, 5s, 30m, 2h or 1d: '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
