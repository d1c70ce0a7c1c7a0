package no.rusvarsel.analytics.situation;

import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/**
 * What one signal's latest version added to the situation counts, so that a correction can take exactly that back.
 *
 * @param day   the signal's event day (ISO date, Norwegian time), to forget it once it is beyond correction
 * @param cells encoded {@link SituationKey} → amount added
 */
@Serdeable
public record SituationSignal(int version, String county, String day, Map<String, Long> cells) {

    public SituationSignal {
        cells = cells == null ? Map.of() : Map.copyOf(cells);
    }
}
