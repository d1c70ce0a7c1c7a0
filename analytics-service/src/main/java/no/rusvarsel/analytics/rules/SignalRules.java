package no.rusvarsel.analytics.rules;

import no.rusvarsel.contracts.detection.Detection;
import no.rusvarsel.contracts.signal.SignalEnvelope;

import java.util.ArrayList;
import java.util.List;

/** All one-signal rules, applied in a fixed order so the same signal always yields the same detections. */
public final class SignalRules {

    private final List<SignalRule> rules = List.of(new WatchlistSubstanceRule(), new MissoldSampleRule(),
            new HighPotencyRule(), new UnrecognisedSubstanceRule());

    public List<Detection> evaluate(SignalEnvelope signal, RuleContext context) {
        var out = new ArrayList<Detection>();
        for (var rule : rules) {
            out.addAll(rule.evaluate(signal, context));
        }
        return out;
    }
}
