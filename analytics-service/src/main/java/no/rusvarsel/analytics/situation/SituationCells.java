package no.rusvarsel.analytics.situation;

import no.rusvarsel.analytics.rules.RuleContext;
import no.rusvarsel.analytics.rules.Sightings;
import no.rusvarsel.contracts.signal.ObservedAt;
import no.rusvarsel.contracts.signal.PatientEvent;
import no.rusvarsel.contracts.signal.SignalEnvelope;
import no.rusvarsel.contracts.signal.SourceType;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * What a signal adds to the situation picture: on its event day (Norwegian time), once per substance class it saw
 * (a substance the watchlist does not know is {@value #UNRECOGNISED}, a signal that saw nothing {@value #UNSPECIFIED}),
 * the number of people for patient events (their {@code count}) and one sample or report for every other source.
 */
public final class SituationCells {

    public static final String UNRECOGNISED = "UNRECOGNISED";
    public static final String UNSPECIFIED = "UNSPECIFIED";

    private SituationCells() {
    }

    /** Encoded {@link SituationKey} → amount, in key order. */
    public static Map<String, Long> of(SignalEnvelope signal, RuleContext context) {
        var day = LocalDate.ofInstant(signal.observedAt(), ObservedAt.ZONE);
        var classes = new TreeSet<String>();
        Sightings.of(signal).keySet().forEach(name -> classes.add(
                context.match(name).map(s -> s.substanceClass().name()).orElse(UNRECOGNISED)));
        if (classes.isEmpty()) {
            classes.add(UNSPECIFIED);
        }
        long amount = 1;
        if (signal.sourceType() == SourceType.PATIENT_EVENT && signal.payload() instanceof PatientEvent event && event.count() != null) {
            amount = event.count();
        }
        var region = signal.region() == null ? signal.county() : signal.region();
        var cells = new LinkedHashMap<String, Long>();
        for (var substanceClass : classes) {
            cells.put(new SituationKey(signal.county(), day, region, substanceClass, signal.sourceType()).encode(), amount);
        }
        return cells;
    }
}
