package no.rusvarsel.analytics.rules;

import no.rusvarsel.contracts.catalogue.NameKey;
import no.rusvarsel.contracts.detection.Certainty;
import no.rusvarsel.contracts.detection.Detection;
import no.rusvarsel.contracts.detection.Rule;
import no.rusvarsel.contracts.detection.Severity;
import no.rusvarsel.contracts.signal.SignalEnvelope;
import no.rusvarsel.contracts.signal.SourceType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * UNRECOGNISED_SUBSTANCE: a laboratory (not a clinician's suspicion) reports a substance that no watchlist
 * entry knows by any name: possibly a new psychoactive substance.
 */
public final class UnrecognisedSubstanceRule implements SignalRule {

    @Override
    public List<Detection> evaluate(SignalEnvelope signal, RuleContext context) {
        var out = new ArrayList<Detection>();
        Sightings.of(signal).forEach((name, certainty) -> {
            boolean laboratory = signal.sourceType() != SourceType.PATIENT_EVENT || certainty == Certainty.OBSERVED;
            if (laboratory && context.match(name).isEmpty()) {
                var summary = "Unknown substance \"" + name + "\" reported by " + Detections.source(signal.sourceType()) + " in "
                        + context.regionName(signal.region()) + ": possibly a new psychoactive substance.";
                out.add(Detections.ofSignal(Rule.UNRECOGNISED_SUBSTANCE, NameKey.of(name), Severity.MODERATE, Certainty.POSSIBLE,
                        signal, null, Map.of(), summary, context));
            }
        });
        return out;
    }
}
