package no.rusvarsel.alerts.cap;

import no.rusvarsel.alerts.alert.Alert;
import no.rusvarsel.contracts.alert.AlertStatus;
import no.rusvarsel.contracts.catalogue.SubstanceClass;
import no.rusvarsel.contracts.detection.Rule;
import no.rusvarsel.contracts.detection.Severity;

import java.util.EnumSet;
import java.util.Locale;

/** The generated human texts of CAP messages and feed entries (event, headline, instruction), in English or Norwegian. */
final class CapWording {

    private static final int MAX_HEADLINE = 160;
    private static final EnumSet<SubstanceClass> OPIOIDS =
            EnumSet.of(SubstanceClass.NITAZENE_OPIOID, SubstanceClass.FENTANYL_OPIOID, SubstanceClass.OTHER_OPIOID);

    private final boolean norwegian;

    CapWording(String language) {
        this.norwegian = "no".equals(language);
    }

    /** What the alert is about, e.g. "Dangerous drug: Isotonitazene" or "Overdose spike". */
    String event(Alert a) {
        var subject = subject(a);
        return switch (a.ruleFamily()) {
            case SUBSTANCE -> pick("Dangerous drug: ", "Farlig rusmiddel: ") + subject;
            case POTENCY -> pick("High-potency drug: ", "Uvanlig sterkt rusmiddel: ") + subject;
            case TREND -> a.rules().contains(Rule.OVERDOSE_SPIKE.name())
                    ? pick("Overdose spike", "Økning i overdoser") + (hasSubject(a) ? ": " + subject : "")
                    : pick("Rise in wastewater: ", "Økning i avløpsvann: ") + subject;
            case NEW_SUBSTANCE -> pick("Unrecognised substance: ", "Ukjent stoff: ") + subject;
            case OPERATIONAL -> pick("Data provider silent", "Dataleverandør har stilnet");
        };
    }

    /** A short headline: state or severity, event and area; at most 160 characters. */
    String headline(Alert a, String area) {
        var lead = switch (a.status()) {
            case RESOLVED -> pick("Resolved", "Avsluttet");
            case DISMISSED -> pick("Dismissed", "Avvist");
            case OPEN, ACKNOWLEDGED -> severity(a.severity());
        };
        var text = lead + ": " + event(a) + " – " + area;
        return text.length() <= MAX_HEADLINE ? text : text.substring(0, MAX_HEADLINE - 1) + "…";
    }

    String instruction(Alert a) {
        if (a.status() == AlertStatus.RESOLVED) {
            return pick("The alert is resolved; no further action is needed.",
                    "Varselet er avsluttet; ingen videre tiltak trengs.");
        }
        if (a.status() == AlertStatus.DISMISSED) {
            return pick("The alert was dismissed; disregard the earlier messages.",
                    "Varselet er avvist; se bort fra de tidligere meldingene.");
        }
        var text = pick("Assess the situation with services in the area and follow updates on the dashboard.",
                "Vurder situasjonen sammen med tjenestene i området og følg oppdateringer i dashbordet.");
        if (a.substanceClass() != null && OPIOIDS.contains(a.substanceClass())) {
            text += pick(" Make sure naloxone is available.", " Sørg for at nalokson er tilgjengelig.");
        }
        return text;
    }

    String evidenceHeading() {
        return pick("Evidence:", "Grunnlag:");
    }

    String signals(int count) {
        return count + (count == 1 ? pick(" signal", " signal") : pick(" signals", " signaler"));
    }

    String severity(Severity s) {
        return switch (s) {
            case INFO -> "Info";
            case LOW -> pick("Low", "Lav");
            case MODERATE -> pick("Moderate", "Moderat");
            case HIGH -> pick("High", "Høy");
            case CRITICAL -> pick("Critical", "Kritisk");
        };
    }

    String feedTitle() {
        return pick("Rusvarsel: active alerts", "Rusvarsel: aktive varsler");
    }

    private String subject(Alert a) {
        if (a.substanceName() != null && !a.substanceName().isBlank()) {
            return a.substanceName();
        }
        if (a.substance() != null && !a.substance().isBlank()) {
            return a.substance();
        }
        if (a.substanceClass() != null) {
            return a.substanceClass().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
        return pick("unknown substance", "ukjent stoff");
    }

    private static boolean hasSubject(Alert a) {
        return a.substanceName() != null || a.substance() != null || a.substanceClass() != null;
    }

    private String pick(String english, String norwegianText) {
        return norwegian ? norwegianText : english;
    }
}
