package no.rusvarsel.ingest.validation;

import no.rusvarsel.support.problem.FieldError;

import io.micronaut.json.tree.JsonNode;
import no.rusvarsel.contracts.catalogue.RegionCatalogue;
import no.rusvarsel.contracts.signal.SourceType;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Checks one submitted record against its source type's schema ({@link Schemas}) and reports every error, not just the first. */
public final class RecordValidator {

    static final String REQUIRED = "is required";
    static final String NOT_AN_OBJECT = "must be a JSON object";
    static final String DATE_TIME = "must be a date (2025-03-01) or an instant with offset (2025-03-01T12:00:00Z)";
    static final String FUTURE = "must not be in the future";
    static final String UNKNOWN_REGION = "unknown region: not a county (2 digits) or municipality (4 digits) in the catalogue";
    static final String CONTROL_CHARACTERS = "must not contain control characters (only tab and line breaks are allowed)";

    private final RegionCatalogue regions;
    private final Clock clock;
    private final Duration allowedClockSkew;

    public RecordValidator(RegionCatalogue regions, Clock clock, Duration allowedClockSkew) {
        this.regions = Objects.requireNonNull(regions, "regions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.allowedClockSkew = Objects.requireNonNull(allowedClockSkew, "allowedClockSkew");
    }

    /** @return every problem of the record, in schema order; empty when the record is valid */
    public List<FieldError> validate(SourceType type, int index, JsonNode record) {
        var errors = new ArrayList<FieldError>();
        var latest = clock.instant().plus(allowedClockSkew);
        new Walk(index, latest, errors).value(Schemas.forType(type), record, "");
        return List.copyOf(errors);
    }

    /** One pass over one record: the generic walker, driven by the spec. */
    private final class Walk {
        private final int index;
        private final Instant latest;
        private final List<FieldError> errors;

        Walk(int index, Instant latest, List<FieldError> errors) {
            this.index = index;
            this.latest = latest;
            this.errors = errors;
        }

        private void error(String path, String message) {
            errors.add(new FieldError(index, path, message));
        }

        void value(Spec spec, JsonNode node, String path) {
            if (spec instanceof Spec.Obj obj) {
                object(obj, node, path);
            } else if (spec instanceof Spec.ListOf list) {
                list(list, node, path);
            } else if (spec instanceof Spec.Text text) {
                text(text, node, path);
            } else if (spec instanceof Spec.Num num) {
                number(num, node, path);
            } else if (spec instanceof Spec.Bool) {
                if (node == null || !node.isBoolean()) {
                    error(path, "must be true or false");
                }
            } else if (spec instanceof Spec.Choice choice) {
                choice(choice, node, path);
            } else if (spec instanceof Spec.Temporal) {
                temporal(node, path);
            } else if (spec instanceof Spec.RegionCode) {
                region(node, path);
            } else {
                throw new IllegalStateException("no rule for " + spec);
            }
        }

        private void object(Spec.Obj spec, JsonNode node, String path) {
            if (node == null || !node.isObject()) {
                error(path, NOT_AN_OBJECT);
                return;
            }
            for (Map.Entry<String, Spec> field : spec.fields().entrySet()) {
                JsonNode child = node.get(field.getKey());
                String childPath = Paths.field(path, field.getKey());
                if (child == null || child.isNull()) {
                    if (field.getValue().isRequired()) {
                        error(childPath, REQUIRED);
                    }
                } else {
                    value(field.getValue(), child, childPath);
                }
            }
            for (Map.Entry<String, JsonNode> member : node.entries()) {
                String name = member.getKey();
                if (!spec.fields().containsKey(name)) {
                    error(Paths.field(path, Paths.display(name)), unknownField(spec, name));
                }
            }
            for (Spec.Check check : spec.checks()) {
                for (Spec.Issue issue : check.apply(node)) {
                    error(Paths.field(path, issue.field()), issue.message());
                }
            }
        }

        private void list(Spec.ListOf spec, JsonNode node, String path) {
            if (node == null || !node.isArray()) {
                error(path, "must be a list");
                return;
            }
            int size = node.size();
            if (size < spec.minItems()) {
                error(path, spec.minItems() == 1 ? "must not be empty" : "must have at least " + spec.minItems() + " items");
            }
            if (size > spec.maxItems()) {
                error(path, "must have at most " + spec.maxItems() + " items");
            }
            // items beyond the maximum are not examined: the list is refused anyway
            for (int i = 0; i < Math.min(size, spec.maxItems()); i++) {
                value(spec.item(), node.get(i), Paths.index(path, i));
            }
        }

        private void text(Spec.Text spec, JsonNode node, String path) {
            if (node == null || !node.isString()) {
                error(path, "must be a string");
                return;
            }
            String s = node.getStringValue();
            int length = s.codePointCount(0, s.length());
            if (length < spec.minLength() || length > spec.maxLength()) {
                error(path, spec.minLength() == 0
                        ? "must have at most " + spec.maxLength() + " characters"
                        : "must have " + spec.minLength() + " to " + spec.maxLength() + " characters");
            } else if (spec.minLength() > 0 && s.isBlank()) {
                error(path, "must not be blank");
            }
            if (hasControlCharacters(s)) {
                error(path, CONTROL_CHARACTERS);
            } else if (spec.pattern() != null && length <= spec.maxLength() && !spec.pattern().matcher(s).matches()) {
                error(path, spec.patternHint());
            }
        }

        private void number(Spec.Num spec, JsonNode node, String path) {
            if (node == null || !node.isNumber()) {
                error(path, "must be a number");
                return;
            }
            Optional<BigDecimal> parsed = Values.decimal(node);
            if (parsed.isEmpty()) {
                error(path, "must be a finite number");
                return;
            }
            BigDecimal v = parsed.get();
            if (spec.integer() && v.signum() != 0 && v.stripTrailingZeros().scale() > 0) {
                error(path, "must be a whole number");
            }
            if (spec.min() != null) {
                int c = v.compareTo(spec.min());
                if (spec.minExclusive() && c <= 0) {
                    error(path, "must be > " + Values.plain(spec.min()));
                } else if (!spec.minExclusive() && c < 0) {
                    error(path, "must be ≥ " + Values.plain(spec.min()));
                }
            }
            if (v.compareTo(spec.max()) > 0) {
                error(path, (spec.max().compareTo(Spec.CEILING) >= 0 ? "is too large: must be ≤ " : "must be ≤ ")
                        + Values.plain(spec.max()));
            }
        }

        private void choice(Spec.Choice spec, JsonNode node, String path) {
            String s = node != null && node.isString() ? node.getStringValue() : null;
            if (s != null && spec.values().contains(s)) {
                return;
            }
            String message = "must be one of " + String.join(", ", spec.values());
            if (s != null) {
                String upper = s.strip().toUpperCase(Locale.ROOT);
                if (spec.values().contains(upper)) {
                    message += " (in capitals, without spaces: " + upper + ")";
                }
            }
            error(path, message);
        }

        private void temporal(JsonNode node, String path) {
            Optional<Instant> instant = Values.instant(node);
            if (instant.isEmpty()) {
                error(path, DATE_TIME);
            } else if (instant.get().isAfter(latest)) {
                error(path, FUTURE);
            }
        }

        private void region(JsonNode node, String path) {
            if (node == null || !node.isString()) {
                error(path, "must be a string such as \"0301\" (in quotes, so leading zeros are kept)");
                return;
            }
            String code = node.getStringValue();
            if (regions.find(code).isPresent()) {
                return;
            }
            String message = UNKNOWN_REGION;
            if (code.matches("[0-9]|[0-9]{3}") && regions.find("0" + code).isPresent()) {
                message += " (did you mean 0" + code + "? a spreadsheet may have removed the leading zero)";
            }
            error(path, message);
        }
    }

    private static String unknownField(Spec.Obj spec, String name) {
        String message = "unknown field: not part of " + spec.description();
        if (!Paths.isPlain(name)) {
            return message + " (its name is not shown: it is not a plain field name)";
        }
        String wanted = normalise(name);
        for (String known : spec.fields().keySet()) {
            if (distance(wanted, normalise(known)) <= 1) {
                return message + " (did you mean " + known + "?)";
            }
        }
        return message;
    }

    private static String normalise(String name) {
        return name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }

    /** Levenshtein distance, for "did you mean"; names are at most 64 characters here. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** Control characters other than tab, line feed and a carriage return that starts a CRLF line break. */
    static boolean hasControlCharacters(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\t' || c == '\n' || (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n')) {
                continue;
            }
            if (Character.isISOControl(c)) {
                return true;
            }
        }
        return false;
    }
}
