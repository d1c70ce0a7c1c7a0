package no.rusvarsel.analytics.rules;

import no.rusvarsel.contracts.detection.Certainty;
import no.rusvarsel.contracts.signal.DrugCheckingResult;
import no.rusvarsel.contracts.signal.PatientEvent;
import no.rusvarsel.contracts.signal.SeizureReport;
import no.rusvarsel.contracts.signal.SignalEnvelope;
import no.rusvarsel.contracts.signal.SyringeResult;
import no.rusvarsel.contracts.signal.WastewaterResult;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which substance names a signal says were present, and how sure it is of each: lab-confirmed or
 * quantified results are OBSERVED, unconfirmed drug checking LIKELY (a test strip POSSIBLE), a
 * clinician's suspicion POSSIBLE; wastewater below the limit of quantification is not a sighting.
 */
public final class Sightings {

    private Sightings() {
    }

    /** Reported name → certainty, in record order; a name reported twice keeps its highest certainty. */
    public static Map<String, Certainty> of(SignalEnvelope signal) {
        var out = new LinkedHashMap<String, Certainty>();
        var payload = signal.payload();
        if (payload instanceof WastewaterResult w) {
            list(w.measurements()).stream()
                    .filter(m -> !Boolean.TRUE.equals(m.belowLoq()) && m.concentrationNgPerL() != null && m.concentrationNgPerL() > 0)
                    .forEach(m -> put(out, m.substance(), Certainty.OBSERVED));
        } else if (payload instanceof DrugCheckingResult d) {
            var certainty = Boolean.TRUE.equals(d.confirmed()) ? Certainty.OBSERVED
                    : d.method() == DrugCheckingResult.Method.TEST_STRIP ? Certainty.POSSIBLE : Certainty.LIKELY;
            list(d.components()).forEach(c -> put(out, c.substance(), certainty));
        } else if (payload instanceof SeizureReport s) {
            list(s.items()).forEach(i -> put(out, i.substance(), Certainty.OBSERVED));
        } else if (payload instanceof PatientEvent p) {
            list(p.confirmedSubstances()).forEach(n -> put(out, n, Certainty.OBSERVED));
            list(p.suspectedSubstances()).forEach(n -> put(out, n, Certainty.POSSIBLE));
        } else if (payload instanceof SyringeResult s) {
            list(s.detected()).stream()
                    .filter(d -> d.syringesPositive() != null && d.syringesPositive() > 0)
                    .forEach(d -> put(out, d.substance(), Certainty.OBSERVED));
        }
        return out;
    }

    private static void put(Map<String, Certainty> out, String name, Certainty certainty) {
        if (name != null && !name.isBlank()) {
            out.merge(name, certainty, Certainty::max);
        }
    }

    private static <T> List<T> list(List<T> items) {
        return items == null ? List.of() : items;
    }
}
