package no.rusvarsel.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;

/** The report as JSON (Jackson's generator, pretty-printed; NaN and infinities as null) and numbers for reading. */
final class Json {

    private static final JsonFactory FACTORY = new JsonFactory();

    private Json() {
    }

    static String write(Object value) {
        var text = new StringWriter();
        try (var g = FACTORY.createGenerator(text).useDefaultPrettyPrinter()) {
            write(value, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.append('\n').toString();
    }

    private static void write(Object v, JsonGenerator g) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                g.writeNull();
            } else {
                g.writeNumber(d);
            }
        } else if (v instanceof Number n) {
            g.writeNumber(n.toString());
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (var e : map.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                write(e.getValue(), g);
            }
            g.writeEndObject();
        } else if (v instanceof Collection<?> list) {
            g.writeStartArray();
            for (var x : list) {
                write(x, g);
            }
            g.writeEndArray();
        } else {
            g.writeString(v.toString());
        }
    }

    static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return String.format(Locale.ROOT, "%.4g", d).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
    }
}
