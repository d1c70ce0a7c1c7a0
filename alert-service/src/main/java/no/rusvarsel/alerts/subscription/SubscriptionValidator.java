package no.rusvarsel.alerts.subscription;

import jakarta.inject.Singleton;
import no.rusvarsel.alerts.delivery.email.EmailAddresses;
import no.rusvarsel.alerts.delivery.webhook.TargetGuard;
import no.rusvarsel.contracts.catalogue.RegionCatalogue;
import no.rusvarsel.contracts.catalogue.SubstanceCatalogue;
import no.rusvarsel.contracts.catalogue.SubstanceClass;
import no.rusvarsel.contracts.detection.Rule;
import no.rusvarsel.contracts.detection.Severity;
import no.rusvarsel.support.problem.ApiException;
import no.rusvarsel.support.problem.FieldError;

import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks a subscription request and turns it into a valid one, or refuses it with every problem named by field:
 * name, channel, target (an https URL passing the SSRF guard, or an e-mail address), known region codes, substance
 * classes, severities and rules; substance names are resolved to catalogue ids where the catalogue knows them.
 */
@Singleton
public class SubscriptionValidator {

    /** A request that passed. */
    public record Valid(String name, Channel channel, String target, SubscriptionFilter filter) {
    }

    static final int MAX_NAME = 200;
    static final int MAX_ENTRIES = 500;
    private static final Pattern SUBSTANCE_ID = Pattern.compile("[a-z0-9][a-z0-9.,'()+-]{0,99}");
    private static final SubstanceCatalogue SUBSTANCES = SubstanceCatalogue.defaultCatalogue();

    private final RegionCatalogue regions;
    private final TargetGuard guard;

    public SubscriptionValidator(RegionCatalogue regions, TargetGuard guard) {
        this.regions = regions;
        this.guard = guard;
    }

    public Valid validate(SubscriptionRequest r) {
        var errors = new ArrayList<FieldError>();
        var name = r.name() == null ? "" : r.name().strip();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            errors.add(error("name", "must be 1–" + MAX_NAME + " characters"));
        } else if (name.chars().anyMatch(Character::isISOControl)) {
            // PostgreSQL text cannot hold NUL (a 500 before): no control characters in a name at all
            errors.add(error("name", "must not contain control characters"));
        }
        Channel channel = null;
        if (r.channel() == null || r.channel().isBlank()) {
            errors.add(error("channel", "must be one of " + Arrays.toString(Channel.values())));
        } else {
            try {
                channel = Channel.valueOf(r.channel().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(error("channel", "must be one of " + Arrays.toString(Channel.values())));
            }
        }
        var target = r.target() == null ? "" : r.target().strip();
        if (channel == Channel.WEBHOOK) {
            try {
                target = guard.check(target).toString();
            } catch (TargetGuard.RefusedTarget e) {
                errors.add(error("target", e.getMessage()));
            } catch (UnknownHostException e) {
                errors.add(error("target", "host does not resolve: " + e.getMessage()));
            }
        } else if (channel == Channel.EMAIL) {
            EmailAddresses.problem(target).ifPresent(p -> errors.add(error("target", p)));
        }
        var filter = filter(r.filter() == null ? new SubscriptionRequest.Filter(null, null, null, null, null) : r.filter(), errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid("the subscription is not valid", errors);
        }
        return new Valid(name, channel, target, filter);
    }

    private SubscriptionFilter filter(SubscriptionRequest.Filter f, List<FieldError> errors) {
        var regionCodes = entries("filter.regions", f.regions(), errors, (code, field) -> {
            var c = code.strip();
            if (regions.find(c).isEmpty()) {
                errors.add(error(field, "unknown region code " + c));
                return null;
            }
            return c;
        });
        var classes = entries("filter.substanceClasses", f.substanceClasses(), errors,
                (v, field) -> enumValue(SubstanceClass.class, v, field, errors));
        var substances = entries("filter.substances", f.substances(), errors, (v, field) -> substance(v, field, errors));
        var rules = entries("filter.rules", f.rules(), errors, (v, field) -> enumValue(Rule.class, v, field, errors));
        Severity min = null;
        if (f.minSeverity() != null && !f.minSeverity().isBlank()) {
            min = enumValue(Severity.class, f.minSeverity(), "filter.minSeverity", errors);
        }
        return new SubscriptionFilter(regionCodes, classes, substances, min, rules);
    }

    private static String substance(String value, String field, List<FieldError> errors) {
        var match = SUBSTANCES.match(value);
        if (match.substance().isPresent()) {
            return match.substance().get().id();
        }
        var id = value.strip().toLowerCase(Locale.ROOT);
        if (!SUBSTANCE_ID.matcher(id).matches()) {
            errors.add(error(field, "unknown substance " + value.strip()));
            return null;
        }
        return id;
    }

    private interface Entry<T> {
        T check(String value, String field);
    }

    private static <T> List<T> entries(String field, List<String> values, List<FieldError> errors, Entry<T> entry) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > MAX_ENTRIES) {
            errors.add(error(field, "must have at most " + MAX_ENTRIES + " entries"));
            return List.of();
        }
        var out = new LinkedHashSet<T>();
        for (int i = 0; i < values.size(); i++) {
            var v = values.get(i);
            var at = field + "[" + i + "]";
            if (v == null || v.isBlank()) {
                errors.add(error(at, "must not be blank"));
                continue;
            }
            var checked = entry.check(v, at);
            if (checked != null) {
                out.add(checked);
            }
        }
        return new ArrayList<>(out);
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String field, List<FieldError> errors) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(error(field, "unknown value " + value.strip() + "; must be one of "
                    + Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()));
            return null;
        }
    }

    private static FieldError error(String field, String message) {
        return new FieldError(0, field, message);
    }
}
