package no.rusvarsel.analytics.rules;

import no.rusvarsel.contracts.catalogue.Substance;
import no.rusvarsel.contracts.detection.Certainty;
import no.rusvarsel.contracts.detection.Detection;
import no.rusvarsel.contracts.detection.Rule;
import no.rusvarsel.contracts.detection.Severity;
import no.rusvarsel.contracts.signal.DrugCheckingResult;
import no.rusvarsel.contracts.signal.SeizureReport;
import no.rusvarsel.contracts.signal.SignalEnvelope;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * HIGH_POTENCY: a dose per unit (tablet, capsule, blotter) above the substance's {@code amountMgPerUnit}, or a
 * purity above its {@code purityPercent}, in drug checking or a seizure (e.g. MDMA over 200 mg per tablet).
 */
public final class HighPotencyRule implements SignalRule {

    private static final Set<DrugCheckingResult.Form> UNIT_FORMS =
            EnumSet.of(DrugCheckingResult.Form.TABLET, DrugCheckingResult.Form.CAPSULE, DrugCheckingResult.Form.BLOTTER);

    @Override
    public List<Detection> evaluate(SignalEnvelope signal, RuleContext context) {
        var out = new ArrayList<Detection>();
        if (signal.payload() instanceof DrugCheckingResult sample && sample.components() != null) {
            var certainty = Boolean.TRUE.equals(sample.confirmed()) ? Certainty.OBSERVED : Certainty.LIKELY;
            for (var c : sample.components()) {
                context.match(c.substance()).filter(s -> s.thresholds() != null).ifPresent(s -> {
                    if (UNIT_FORMS.contains(sample.form())) {
                        check(out, signal, s, "amountMg", c.amountMg(), s.thresholds().amountMgPerUnit(), " mg per "
                                + Detections.form(sample.form().name()), certainty, context);
                    }
                    check(out, signal, s, "purityPercent", c.purityPercent(), s.thresholds().purityPercent(), " % purity", certainty, context);
                });
            }
        } else if (signal.payload() instanceof SeizureReport seizure && seizure.items() != null) {
            for (var item : seizure.items()) {
                context.match(item.substance()).filter(s -> s.thresholds() != null).ifPresent(s ->
                        check(out, signal, s, "purityPercent", item.purityPercent(), s.thresholds().purityPercent(), " % purity",
                                Certainty.OBSERVED, context));
            }
        }
        return out;
    }

    private static void check(List<Detection> out, SignalEnvelope signal, Substance s, String measure, Double observed,
                              Double threshold, String unit, Certainty certainty, RuleContext context) {
        if (observed == null || threshold == null || observed <= threshold) {
            return;
        }
        var subject = s.id() + "/" + measure;
        if (out.stream().anyMatch(d -> d.detectionId().equals(Detections.id(Rule.HIGH_POTENCY, signal.signalId(), subject)))) {
            return;
        }
        var summary = "Unusually strong " + s.name() + ": " + format(observed) + unit + " (warning above " + format(threshold)
                + ") found by " + Detections.source(signal.sourceType()) + " in " + context.regionName(signal.region()) + ".";
        out.add(Detections.ofSignal(Rule.HIGH_POTENCY, subject, Severity.HIGH, certainty, signal, s,
                Map.of("observed", observed, "threshold", threshold), summary, context));
    }

    private static String format(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
