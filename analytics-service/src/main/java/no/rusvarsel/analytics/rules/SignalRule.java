package no.rusvarsel.analytics.rules;

import no.rusvarsel.contracts.detection.Detection;
import no.rusvarsel.contracts.signal.SignalEnvelope;

import java.util.List;

/** A rule that judges one signal on its own, without history: what it finds in that signal. */
public interface SignalRule {

    List<Detection> evaluate(SignalEnvelope signal, RuleContext context);
}
