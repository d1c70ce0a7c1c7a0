package no.rusvarsel.analytics.rules;

import no.rusvarsel.contracts.catalogue.Substance;
import no.rusvarsel.contracts.detection.Certainty;
import no.rusvarsel.contracts.detection.Detection;
import no.rusvarsel.contracts.detection.Rule;
import no.rusvarsel.contracts.signal.SignalEnvelope;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** WATCHLIST_SUBSTANCE: a substance with hazard HIGH or CRITICAL on the watchlist is seen in any source. */
public final class WatchlistSubstanceRule implements SignalRule {

    @Override
    public List<Detection> evaluate(SignalEnvelope signal, RuleContext context) {
        var watched = new LinkedHashMap<Substance, Certainty>();
        Sightings.of(signal).forEach((name, certainty) -> context.match(name)
                .filter(s -> s.hazard().watched())
                .ifPresent(s -> watched.merge(s, certainty, Certainty::max)));
        var out = new ArrayList<Detection>();
        watched.forEach((substance, certainty) -> out.add(Detections.ofSignal(Rule.WATCHLIST_SUBSTANCE, substance.id(),
                Detections.severityOf(substance.hazard()), certainty, signal, substance,
                Map.of("hazardLevel", (double) substance.hazard().ordinal()),
                summary(signal, substance, certainty, context), context)));
        return out;
    }

    private static String summary(SignalEnvelope signal, Substance s, Certainty certainty, RuleContext context) {
        var how = certainty == Certainty.POSSIBLE ? "suspected" : "found";
        return s.name() + " (" + Detections.className(s.substanceClass()) + ", hazard " + s.hazard() + ") " + how + " by "
                + Detections.source(signal.sourceType()) + " in " + context.regionName(signal.region()) + ".";
    }
}
