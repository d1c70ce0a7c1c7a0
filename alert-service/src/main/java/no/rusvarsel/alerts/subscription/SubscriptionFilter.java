package no.rusvarsel.alerts.subscription;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import no.rusvarsel.contracts.catalogue.SubstanceClass;
import no.rusvarsel.contracts.detection.Rule;
import no.rusvarsel.contracts.detection.Severity;

import java.util.List;

/**
 * Which alerts a subscription wants, validated; an empty list means "any". Facets combine with AND; within
 * {@code substances} and {@code substanceClasses} together (what the alert is about) any entry may match.
 *
 * @param regions    county (2 digits: matches its municipalities too) or municipality (4 digits) codes
 * @param substances catalogue ids
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SubscriptionFilter(List<String> regions, List<SubstanceClass> substanceClasses, List<String> substances,
                                 @Nullable Severity minSeverity, List<Rule> rules) {

    public static final SubscriptionFilter EVERYTHING = new SubscriptionFilter(null, null, null, null, null);

    public SubscriptionFilter {
        regions = regions == null ? List.of() : List.copyOf(regions);
        substanceClasses = substanceClasses == null ? List.of() : List.copyOf(substanceClasses);
        substances = substances == null ? List.of() : List.copyOf(substances);
        rules = rules == null ? List.of() : List.copyOf(rules);
    }
}
