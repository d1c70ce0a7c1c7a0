package no.rusvarsel.support.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.micronaut.core.beans.BeanIntrospection;
import io.micronaut.core.beans.BeanIntrospector;
import io.micronaut.core.beans.BeanProperty;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.config.annotation.SerdeConfig;
import no.rusvarsel.support.problem.FieldError;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Period;
import java.time.ZoneId;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads a JSON request body against the record it is bound to, strictly, where Micronaut serde 2.x is lenient and has
 * no switch to be otherwise: the body is exactly one JSON value (serde ignores anything after it), every value has
 * its field's JSON type (serde turns {@code [1]} or {@code 1} into the string {@code "1"}, {@code "5"} into 5 and
 * {@code 2.5} into the whole number 2), whole numbers fit their Java type, numbers are finite, and a field appears
 * once per object. Null is left to the controller, and so are unknown fields (serde refuses or ignores them per type).
 * Each problem is a {@link FieldError} naming the field ({@code filter.regions[0]}); a body that is not JSON, or has
 * more after its value, is one error on {@code ""} with line and column.
 */
public final class JsonShape {

    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final Map<Class<?>, Map<String, Argument<?>>> FIELDS = new ConcurrentHashMap<>();

    private enum Kind { TEXT, BOOLEAN, WHOLE, NUMBER, LIST, MAP, RECORD, ANY }

    private JsonShape() {
    }

    /** Whether bodies bound to {@code type} are checked: records and beans that serde reads by introspection. */
    public static boolean applies(Argument<?> type) {
        return kind(type) == Kind.RECORD;
    }

    /** Every difference between {@code body} and the shape of {@code type}; empty when it fits or holds no value. */
    public static List<FieldError> check(byte[] body, Argument<?> type) {
        var errors = new ArrayList<FieldError>();
        try (JsonParser parser = JSON.createParser(body)) {
            var walk = new Walk(parser, errors);
            JsonToken first = parser.nextToken();
            if (first == null) {
                return errors;
            }
            walk.value(first, type, "");
            try {
                if (parser.nextToken() != null) {
                    errors.add(trailing(parser.currentTokenLocation()));
                }
            } catch (JsonProcessingException e) {
                errors.add(trailing(e.getLocation()));
            }
        } catch (JsonProcessingException e) {
            errors.clear();
            errors.add(new FieldError(0, "", "is not valid JSON" + at(e.getLocation())));
        } catch (IOException e) {
            throw new IllegalStateException("reading a byte array cannot fail", e);
        }
        return errors;
    }

    private static FieldError trailing(JsonLocation where) {
        return new FieldError(0, "", "has content after its JSON value" + at(where) + ": a body is exactly one JSON value");
    }

    /** Where, never what: the text there may be anything. */
    private static String at(JsonLocation where) {
        return where == null || where.getLineNr() < 1 ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
    }

    /** One pass over the parser's tokens, following the Java type down the fields. */
    private record Walk(JsonParser parser, List<FieldError> errors) {

        void value(JsonToken token, Argument<?> type, String path) throws IOException {
            if (token == JsonToken.VALUE_NULL) {
                return;
            }
            switch (kind(type)) {
                case TEXT -> expect(token == JsonToken.VALUE_STRING, path, "must be a string");
                case BOOLEAN -> expect(token.isBoolean(), path, "must be true or false");
                case WHOLE -> whole(token, type.getType(), path);
                case NUMBER -> number(token, type.getType(), path);
                case LIST -> list(token, elementType(type), path);
                case MAP -> map(token, type.getTypeParameters().length == 2 ? type.getTypeParameters()[1] : Argument.OBJECT_ARGUMENT, path);
                case RECORD -> object(token, type.getType(), path);
                case ANY -> parser.skipChildren();
            }
        }

        private void expect(boolean fits, String path, String message) throws IOException {
            if (!fits) {
                errors.add(new FieldError(0, path, message));
                parser.skipChildren();
            }
        }

        private void whole(JsonToken token, Class<?> type, String path) throws IOException {
            if (token != JsonToken.VALUE_NUMBER_INT) {
                expect(false, path, "must be a whole number");
                return;
            }
            var range = Ranges.of(type);
            if (range != null && !range.holds(parser.getBigIntegerValue())) {
                errors.add(new FieldError(0, path, "must be a whole number from " + range.min() + " to " + range.max()));
            }
        }

        private void number(JsonToken token, Class<?> type, String path) throws IOException {
            if (!token.isNumeric()) {
                expect(false, path, "must be a number");
                return;
            }
            if (token == JsonToken.VALUE_NUMBER_FLOAT && type != BigDecimal.class && !Double.isFinite(parser.getDoubleValue())) {
                errors.add(new FieldError(0, path, "must be a finite number"));
            }
        }

        private void list(JsonToken token, Argument<?> element, String path) throws IOException {
            if (token != JsonToken.START_ARRAY) {
                expect(false, path, "must be a list");
                return;
            }
            int i = 0;
            for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                value(t, element, path + "[" + i++ + "]");
            }
        }

        private void map(JsonToken token, Argument<?> valueType, String path) throws IOException {
            if (token != JsonToken.START_OBJECT) {
                expect(false, path, "must be an object");
                return;
            }
            var seen = new HashSet<String>();
            for (JsonToken t = parser.nextToken(); t == JsonToken.FIELD_NAME; t = parser.nextToken()) {
                String name = parser.currentName();
                String at = path.isEmpty() ? name : path + "." + name;
                if (!seen.add(name)) {
                    errors.add(new FieldError(0, at, "appears more than once"));
                }
                value(parser.nextToken(), valueType, at);
            }
        }

        private void object(JsonToken token, Class<?> type, String path) throws IOException {
            if (token != JsonToken.START_OBJECT) {
                expect(false, path, "must be an object");
                return;
            }
            var fields = fields(type);
            var seen = new HashSet<String>();
            for (JsonToken t = parser.nextToken(); t == JsonToken.FIELD_NAME; t = parser.nextToken()) {
                String name = parser.currentName();
                String at = path.isEmpty() ? name : path + "." + name;
                if (!seen.add(name)) {
                    errors.add(new FieldError(0, at, "appears more than once"));
                }
                value(parser.nextToken(), fields.getOrDefault(name, Argument.OBJECT_ARGUMENT), at);
            }
        }
    }

    /** The JSON field names of a record or bean (as renamed by {@code @JsonProperty}) and their types. */
    private static Map<String, Argument<?>> fields(Class<?> type) {
        return FIELDS.computeIfAbsent(type, t -> {
            var out = new HashMap<String, Argument<?>>();
            introspection(t).ifPresent(bean -> {
                for (BeanProperty<?, ?> property : bean.getBeanProperties()) {
                    String name = property.stringValue(SerdeConfig.class, SerdeConfig.PROPERTY)
                            .or(() -> property.stringValue(JsonProperty.class))
                            .filter(n -> !n.isEmpty())
                            .orElse(property.getName());
                    out.put(name, property.asArgument());
                }
            });
            return Map.copyOf(out);
        });
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Optional<BeanIntrospection<Object>> introspection(Class<?> type) {
        return BeanIntrospector.SHARED.findIntrospection((Class) type);
    }

    private static Argument<?> elementType(Argument<?> type) {
        Class<?> c = type.getType();
        if (c.isArray()) {
            return Argument.of(c.getComponentType());
        }
        return type.getFirstTypeVariable().orElse(Argument.OBJECT_ARGUMENT);
    }

    private static Kind kind(Argument<?> type) {
        Class<?> c = type.getType();
        if (c == Optional.class) {
            return kind(type.getFirstTypeVariable().orElse(Argument.OBJECT_ARGUMENT));
        }
        if (CharSequence.class.isAssignableFrom(c) || c == Character.class || c == char.class || c.isEnum()
                || c == UUID.class || c == URI.class || TemporalAccessor.class.isAssignableFrom(c) || c == Duration.class
                || c == Period.class || ZoneId.class.isAssignableFrom(c)) {
            return Kind.TEXT;
        }
        if (c == Boolean.class || c == boolean.class) {
            return Kind.BOOLEAN;
        }
        if (Ranges.of(c) != null || c == BigInteger.class) {
            return Kind.WHOLE;
        }
        if (Number.class.isAssignableFrom(c) || c == double.class || c == float.class) {
            return Kind.NUMBER;
        }
        if ((c.isArray() && c != byte[].class) || Iterable.class.isAssignableFrom(c)) {
            return Kind.LIST;
        }
        if (Map.class.isAssignableFrom(c)) {
            return Kind.MAP;
        }
        return c != Object.class && introspection(c).isPresent() ? Kind.RECORD : Kind.ANY;
    }

    /** The values a whole-number Java type holds. */
    private record Ranges(long min, long max) {

        static Ranges of(Class<?> type) {
            if (type == Integer.class || type == int.class) {
                return new Ranges(Integer.MIN_VALUE, Integer.MAX_VALUE);
            }
            if (type == Long.class || type == long.class) {
                return new Ranges(Long.MIN_VALUE, Long.MAX_VALUE);
            }
            if (type == Short.class || type == short.class) {
                return new Ranges(Short.MIN_VALUE, Short.MAX_VALUE);
            }
            if (type == Byte.class || type == byte.class) {
                return new Ranges(Byte.MIN_VALUE, Byte.MAX_VALUE);
            }
            return null;
        }

        boolean holds(BigInteger value) {
            return value.compareTo(BigInteger.valueOf(min)) >= 0 && value.compareTo(BigInteger.valueOf(max)) <= 0;
        }
    }
}
