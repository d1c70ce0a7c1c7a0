package no.rusvarsel.analytics.rules;

import no.rusvarsel.contracts.catalogue.Hazard;
import no.rusvarsel.contracts.catalogue.Substance;
import no.rusvarsel.contracts.catalogue.SubstanceClass;
import no.rusvarsel.contracts.detection.Certainty;
import no.rusvarsel.contracts.detection.Detection;
import no.rusvarsel.contracts.detection.EpisodeKey;
import no.rusvarsel.contracts.detection.Rule;
import no.rusvarsel.contracts.detection.Severity;
import no.rusvarsel.contracts.signal.ObservedAt;
import no.rusvarsel.contracts.signal.SignalEnvelope;
import no.rusvarsel.contracts.signal.SourceType;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Building blocks shared by the rules: deterministic ids, the one-signal detection, wording for people. */
public final class Detections {

    private Detections() {
    }

    /** The same rule, signal and subject always give the same id, so reprocessing is deduplicated downstream. */
    public static String id(Rule rule, String signalId, String subject) {
        var name = "rusvarsel-detection\u0000" + rule + "\u0000" + signalId + "\u0000" + subject;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** A detection about one signal: its Norwegian day as the window, the signal as the evidence. */
    static Detection ofSignal(Rule rule, String subject, Severity severity, Certainty certainty, SignalEnvelope signal,
                              Substance substance, Map<String, Double> metrics, String summary, RuleContext context) {
        var day = LocalDate.ofInstant(signal.observedAt(), ObservedAt.ZONE);
        return new Detection(id(rule, signal.signalId(), subject), rule, severity, certainty, signal.region(),
                substance == null ? null : substance.id(), substance == null ? null : substance.name(),
                substance == null ? null : substance.substanceClass(),
                day.atStartOfDay(ObservedAt.ZONE).toInstant(), day.plusDays(1).atStartOfDay(ObservedAt.ZONE).toInstant(),
                List.of(signal.signalId()), Set.of(signal.sourceType()), metrics, summary,
                context.clock().instant());
    }

    /** The key of the alert episode a detection belongs to (the same rule alert-service groups alerts by). */
    public static String episodeKey(Detection d, RuleContext context) {
        return EpisodeKey.of(context.countyOf(d.region()), d);
    }

    static Severity severityOf(Hazard hazard) {
        return switch (hazard) {
            case CRITICAL -> Severity.CRITICAL;
            case HIGH -> Severity.HIGH;
            case MODERATE -> Severity.MODERATE;
            case LOW -> Severity.LOW;
        };
    }

    static String source(SourceType type) {
        return switch (type) {
            case WASTEWATER -> "wastewater analysis";
            case DRUG_CHECKING -> "drug checking";
            case SEIZURE -> "a seizure";
            case PATIENT_EVENT -> "patient events";
            case SYRINGE -> "syringe analysis";
        };
    }

    static String className(SubstanceClass c) {
        return c.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    static String form(String form) {
        return form == null ? "sample" : form.toLowerCase(Locale.ROOT);
    }
}
