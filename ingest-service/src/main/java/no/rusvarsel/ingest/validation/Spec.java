package no.rusvarsel.ingest.validation;

import io.micronaut.json.tree.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What one JSON value must look like: a tiny declarative schema language ({@code Spec.string(1, 128).required()},
 * {@code Spec.number().min(0)}, {@code Spec.enumOf(Form.class)}, {@code Spec.list(item).maxItems(100)},
 * {@code Spec.object("a component").field(...)}) that {@link RecordValidator} walks; the schemas are in {@link Schemas}.
 * A spec is immutable: every refinement returns a new spec. Absent and {@code null} mean the same: not given.
 */
public sealed interface Spec {

    /** Numbers larger than this are refused everywhere, whatever the field: nobody measures 10^12 of anything. */
    BigDecimal CEILING = BigDecimal.valueOf(1_000_000_000_000L);

    boolean isRequired();

    /** The same spec, but the value must be given (not absent, not {@code null}). */
    Spec required();

    static Text string(int minLength, int maxLength) {
        return new Text(false, minLength, maxLength, null, null);
    }

    static Num number() {
        return new Num(false, false, null, false, CEILING);
    }

    static Num integer() {
        return new Num(false, true, null, false, CEILING);
    }

    static Bool bool() {
        return new Bool(false);
    }

    static <E extends Enum<E>> Choice enumOf(Class<E> type) {
        return new Choice(false, Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
    }

    /** An ISO-8601 date ({@code 2025-03-01}) or an instant with offset, not in the future. */
    static Temporal dateTime() {
        return new Temporal(false);
    }

    /** A county or municipality code that exists in the region catalogue. */
    static RegionCode region() {
        return new RegionCode(false);
    }

    static ListOf list(Spec item) {
        return new ListOf(false, item, 0, Integer.MAX_VALUE);
    }

    /** @param description how messages name the object, e.g. "the drug-checking record", "a drug-checking component" */
    static Obj object(String description) {
        return new Obj(false, description, Map.of(), List.of());
    }

    /** A string of {@code minLength..maxLength} characters (code points), optionally matching a pattern. */
    record Text(boolean isRequired, int minLength, int maxLength, Pattern pattern, String patternHint) implements Spec {
        @Override
        public Text required() {
            return new Text(true, minLength, maxLength, pattern, patternHint);
        }

        /** @param hint the message when the value does not match, e.g. "must look like 20-29 or 80+" */
        public Text matching(String regex, String hint) {
            return new Text(isRequired, minLength, maxLength, Pattern.compile(regex), hint);
        }
    }

    /** A finite JSON number (whole when {@code integer}), within the bounds. */
    record Num(boolean isRequired, boolean integer, BigDecimal min, boolean minExclusive, BigDecimal max) implements Spec {
        @Override
        public Num required() {
            return new Num(true, integer, min, minExclusive, max);
        }

        /** value ≥ bound */
        public Num min(long bound) {
            return new Num(isRequired, integer, BigDecimal.valueOf(bound), false, max);
        }

        /** value > bound */
        public Num greaterThan(long bound) {
            return new Num(isRequired, integer, BigDecimal.valueOf(bound), true, max);
        }

        /** value ≤ bound */
        public Num max(long bound) {
            return new Num(isRequired, integer, min, minExclusive, BigDecimal.valueOf(bound));
        }
    }

    record Bool(boolean isRequired) implements Spec {
        @Override
        public Bool required() {
            return new Bool(true);
        }
    }

    /** One of a fixed set of upper-case names (an enum of the contract). */
    record Choice(boolean isRequired, List<String> values) implements Spec {
        @Override
        public Choice required() {
            return new Choice(true, values);
        }
    }

    record Temporal(boolean isRequired) implements Spec {
        @Override
        public Temporal required() {
            return new Temporal(true);
        }
    }

    record RegionCode(boolean isRequired) implements Spec {
        @Override
        public RegionCode required() {
            return new RegionCode(true);
        }
    }

    /** A JSON array of {@code minItems..maxItems} values, each matching {@code item}. */
    record ListOf(boolean isRequired, Spec item, int minItems, int maxItems) implements Spec {
        @Override
        public ListOf required() {
            return new ListOf(true, item, minItems, maxItems);
        }

        public ListOf nonEmpty() {
            return new ListOf(isRequired, item, 1, maxItems);
        }

        public ListOf maxItems(int max) {
            return new ListOf(isRequired, item, minItems, max);
        }
    }

    /** A JSON object with exactly these fields (any other field is an error), plus checks across its fields. */
    record Obj(boolean isRequired, String description, Map<String, Spec> fields, List<Check> checks) implements Spec {
        @Override
        public Obj required() {
            return new Obj(true, description, fields, checks);
        }

        public Obj field(String name, Spec spec) {
            var copy = new LinkedHashMap<>(fields);
            if (copy.put(name, spec) != null) {
                throw new IllegalArgumentException("field " + name + " declared twice");
            }
            return new Obj(isRequired, description, Collections.unmodifiableMap(copy), checks);
        }

        public Obj check(Check check) {
            var copy = new ArrayList<>(checks);
            copy.add(check);
            return new Obj(isRequired, description, fields, List.copyOf(copy));
        }
    }

    /** A rule across fields of one object; it only reports when the fields it compares are valid on their own. */
    @FunctionalInterface
    interface Check {

        /** @return the problems, each with a path relative to the object */
        List<Issue> apply(JsonNode object);

        /** {@code later} must not be before {@code earlier} (both dates or instants). */
        static Check notBefore(String later, String earlier) {
            return object -> {
                var from = Values.instant(object.get(earlier));
                var to = Values.instant(object.get(later));
                if (from.isPresent() && to.isPresent() && to.get().isBefore(from.get())) {
                    return List.of(new Issue(later, "must not be before " + earlier));
                }
                return List.of();
            };
        }

        /** In every item of {@code list}, {@code itemField} must not exceed the object's own {@code limitField}. */
        static Check eachAtMost(String list, String itemField, String limitField) {
            return object -> {
                Optional<BigDecimal> limit = Values.decimal(object.get(limitField));
                JsonNode items = object.get(list);
                if (limit.isEmpty() || items == null || !items.isArray()) {
                    return List.of();
                }
                var issues = new ArrayList<Issue>();
                for (int i = 0; i < items.size(); i++) {
                    JsonNode item = items.get(i);
                    Optional<BigDecimal> value = item != null && item.isObject() ? Values.decimal(item.get(itemField)) : Optional.empty();
                    if (value.isPresent() && value.get().compareTo(limit.get()) > 0) {
                        issues.add(new Issue(Paths.field(Paths.index(list, i), itemField),
                                "must not be more than " + limitField + " (" + Values.plain(limit.get()) + ")"));
                    }
                }
                return issues;
            };
        }
    }

    /** A problem found by a {@link Check}: a field path relative to the checked object, and the message. */
    record Issue(String field, String message) {
    }
}
