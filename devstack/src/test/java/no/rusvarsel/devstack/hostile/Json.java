package no.rusvarsel.devstack.hostile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A tiny JSON writer that can also put raw, possibly invalid, bytes anywhere: the corpus needs both. */
final class Json {

    /** Bytes written as they are, where a value goes. */
    record Raw(byte[] bytes) {
        static Raw of(String text) {
            return new Raw(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private Json() {
    }

    static byte[] write(Object value) {
        var out = new ByteArrayOutputStream();
        write(out, value);
        return out.toByteArray();
    }

    static String text(Object value) {
        return new String(write(value), StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static void write(ByteArrayOutputStream out, Object value) {
        if (value == null) {
            out.writeBytes("null".getBytes(StandardCharsets.US_ASCII));
        } else if (value instanceof Raw raw) {
            out.writeBytes(raw.bytes());
        } else if (value instanceof String s) {
            out.writeBytes(quote(s).getBytes(StandardCharsets.UTF_8));
        } else if (value instanceof Number || value instanceof Boolean) {
            out.writeBytes(value.toString().getBytes(StandardCharsets.US_ASCII));
        } else if (value instanceof Map<?, ?> map) {
            out.write('{');
            boolean first = true;
            for (var e : ((Map<Object, Object>) map).entrySet()) {
                if (!first) {
                    out.write(',');
                }
                first = false;
                write(out, e.getKey());
                out.write(':');
                write(out, e.getValue());
            }
            out.write('}');
        } else if (value instanceof List<?> list) {
            out.write('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                write(out, list.get(i));
            }
            out.write(']');
        } else {
            throw new IllegalArgumentException("cannot write " + value.getClass());
        }
    }

    static String quote(String s) {
        var b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** A deep copy of nested maps and lists, so that a mutation never touches the template. */
    @SuppressWarnings("unchecked")
    static <T> T copy(T value) {
        if (value instanceof Map<?, ?> map) {
            var out = new LinkedHashMap<String, Object>();
            ((Map<String, Object>) map).forEach((k, v) -> out.put(k, copy(v)));
            return (T) out;
        }
        if (value instanceof List<?> list) {
            var out = new ArrayList<>();
            list.forEach(v -> out.add(copy(v)));
            return (T) out;
        }
        return value;
    }
}
