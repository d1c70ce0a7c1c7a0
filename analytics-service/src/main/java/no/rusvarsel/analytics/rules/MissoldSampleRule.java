package no.rusvarsel.analytics.rules;

import no.rusvarsel.contracts.catalogue.Hazard;
import no.rusvarsel.contracts.catalogue.Substance;
import no.rusvarsel.contracts.catalogue.SubstanceClass;
import no.rusvarsel.contracts.detection.Certainty;
import no.rusvarsel.contracts.detection.Detection;
import no.rusvarsel.contracts.detection.Rule;
import no.rusvarsel.contracts.signal.DrugCheckingResult;
import no.rusvarsel.contracts.signal.SignalEnvelope;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * MISSOLD_SAMPLE: a drug-checking sample contains a psychoactive substance of hazard MODERATE or above
 * other than what it was sold as (cutting agents of class OTHER do not count). Unknown {@code soldAs}: no judgement.
 */
public final class MissoldSampleRule implements SignalRule {

    @Override
    public List<Detection> evaluate(SignalEnvelope signal, RuleContext context) {
        if (!(signal.payload() instanceof DrugCheckingResult sample) || sample.soldAs() == null || sample.components() == null) {
            return List.of();
        }
        var soldAs = context.match(sample.soldAs());
        if (soldAs.isEmpty()) {
            return List.of();
        }
        var unexpected = new LinkedHashSet<Substance>();
        for (var component : sample.components()) {
            context.match(component.substance())
                    .filter(s -> !s.id().equals(soldAs.get().id()))
                    .filter(s -> s.hazard().compareTo(Hazard.MODERATE) >= 0 && s.substanceClass() != SubstanceClass.OTHER)
                    .ifPresent(unexpected::add);
        }
        var certainty = Boolean.TRUE.equals(sample.confirmed()) ? Certainty.OBSERVED : Certainty.LIKELY;
        var out = new ArrayList<Detection>();
        for (var s : unexpected) {
            var summary = s.name() + " found in a " + Detections.form(sample.form() == null ? null : sample.form().name())
                    + " sold as " + sample.soldAs() + " in " + context.regionName(signal.region()) + ".";
            out.add(Detections.ofSignal(Rule.MISSOLD_SAMPLE, s.id(), Detections.severityOf(s.hazard()), certainty, signal, s,
                    Map.of("hazardLevel", (double) s.hazard().ordinal()), summary, context));
        }
        return out;
    }
}
