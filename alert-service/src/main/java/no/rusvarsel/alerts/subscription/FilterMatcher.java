package no.rusvarsel.alerts.subscription;

import jakarta.inject.Singleton;
import no.rusvarsel.alerts.alert.Alert;
import no.rusvarsel.contracts.catalogue.Region;
import no.rusvarsel.contracts.catalogue.RegionCatalogue;
import no.rusvarsel.contracts.detection.Rule;

/**
 * Decides whether an alert is one a subscription's filter asks for. Regions: a county matches every alert in it;
 * a municipality matches alerts that name it and alerts about its whole county. Operational alerts (a silent
 * provider) are for operators: they match only a filter that names their rule explicitly.
 */
@Singleton
public class FilterMatcher {

    private final RegionCatalogue regions;

    public FilterMatcher(RegionCatalogue regions) {
        this.regions = regions;
    }

    public boolean matches(SubscriptionFilter f, Alert a) {
        return regionMatches(f, a) && subjectMatches(f, a) && severityMatches(f, a) && rulesMatch(f, a);
    }

    private boolean regionMatches(SubscriptionFilter f, Alert a) {
        if (f.regions().isEmpty()) {
            return true;
        }
        for (var code : f.regions()) {
            var region = regions.find(code);
            if (region.isEmpty()) {
                continue;
            }
            if (region.get().level() == Region.Level.COUNTY) {
                if (code.equals(a.county())) {
                    return true;
                }
            } else if (names(a, code) || names(a, region.get().county())) {
                return true;
            }
        }
        return false;
    }

    private static boolean names(Alert a, String code) {
        return code.equals(a.region()) || a.regions().contains(code);
    }

    private static boolean subjectMatches(SubscriptionFilter f, Alert a) {
        if (f.substances().isEmpty() && f.substanceClasses().isEmpty()) {
            return true;
        }
        return a.substance() != null && f.substances().contains(a.substance())
                || a.substanceClass() != null && f.substanceClasses().contains(a.substanceClass());
    }

    private static boolean severityMatches(SubscriptionFilter f, Alert a) {
        return f.minSeverity() == null || a.severity().compareTo(f.minSeverity()) >= 0;
    }

    private static boolean rulesMatch(SubscriptionFilter f, Alert a) {
        var named = a.rules().stream().anyMatch(r -> f.rules().stream().anyMatch(fr -> fr.name().equals(r)));
        if (a.ruleFamily() == Rule.Family.OPERATIONAL) {
            return named;
        }
        return f.rules().isEmpty() || named;
    }
}
