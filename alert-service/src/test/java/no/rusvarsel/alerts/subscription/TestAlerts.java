package no.rusvarsel.alerts.subscription;

import no.rusvarsel.alerts.alert.Alert;
import no.rusvarsel.contracts.alert.AlertStatus;
import no.rusvarsel.contracts.catalogue.SubstanceClass;
import no.rusvarsel.contracts.detection.Certainty;
import no.rusvarsel.contracts.detection.Rule;
import no.rusvarsel.contracts.detection.Severity;

import java.time.Instant;
import java.util.List;

/** Alerts for filter tests: Oslo isotonitazene, CRITICAL, by default; each wither changes one thing. */
record TestAlerts(String county, List<String> regions, String substance, SubstanceClass substanceClass,
                  Severity severity, Rule rule) {

    static final Instant T = Instant.parse("2026-11-20T00:00:00Z");

    static TestAlerts oslo() {
        return new TestAlerts("03", List.of("0301"), "isotonitazene", SubstanceClass.NITAZENE_OPIOID, Severity.CRITICAL,
                Rule.WATCHLIST_SUBSTANCE);
    }

    TestAlerts in(String county, String... regions) {
        return new TestAlerts(county, List.of(regions), substance, substanceClass, severity, rule);
    }

    TestAlerts about(String substance, SubstanceClass substanceClass) {
        return new TestAlerts(county, regions, substance, substanceClass, severity, rule);
    }

    TestAlerts severity(Severity severity) {
        return new TestAlerts(county, regions, substance, substanceClass, severity, rule);
    }

    TestAlerts rule(Rule rule) {
        return new TestAlerts(county, regions, substance, substanceClass, severity, rule);
    }

    Alert build() {
        return new Alert("alert-1", county + "|" + substance + "|" + rule.family(), AlertStatus.OPEN, severity,
                severity.ordinal(), Certainty.OBSERVED, county, regions.get(0), regions, substance,
                substance == null ? null : substance, substanceClass, rule.family(), List.of(rule.name()),
                List.of("DRUG_CHECKING"), "summary", T, T.plusSeconds(86_400), T, T, T, null, 1, 0);
    }
}
