package no.rusvarsel.devstack.hostile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Records as the ingest CSV format (README): record fields repeated on one row per item; lists joined with ';'. */
final class Csv {

    private static final List<String> ITEM_KEYS = List.of("measurements", "components", "items", "detected");

    private Csv() {
    }

    static String of(String type, List<Map<String, Object>> records) {
        return new String(bytes(type, records), StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    static byte[] bytes(String type, List<Map<String, Object>> records) {
        var recordColumns = new LinkedHashSet<String>();
        var itemColumns = new LinkedHashSet<String>();
        for (var r : records) {
            for (var e : r.entrySet()) {
                if (ITEM_KEYS.contains(e.getKey()) && e.getValue() instanceof List<?> items) {
                    for (var item : items) {
                        if (item instanceof Map<?, ?> m) {
                            itemColumns.addAll((java.util.Set<String>) m.keySet());
                        }
                    }
                } else {
                    recordColumns.add(e.getKey());
                }
            }
        }
        var columns = new ArrayList<>(recordColumns);
        columns.addAll(itemColumns);
        var out = new ByteArrayOutputStream();
        line(out, columns.stream().map(c -> (Object) c).toList());
        for (var r : records) {
            List<Map<String, Object>> items = List.of(Map.of());
            for (var key : ITEM_KEYS) {
                if (r.get(key) instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?>) {
                    items = (List<Map<String, Object>>) list;
                }
            }
            for (var item : items) {
                var cells = new ArrayList<>();
                for (var c : columns) {
                    cells.add(recordColumns.contains(c) ? r.get(c) : item.get(c));
                }
                line(out, cells);
            }
        }
        return out.toByteArray();
    }

    private static void line(ByteArrayOutputStream out, List<Object> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            cell(out, cells.get(i));
        }
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private static void cell(ByteArrayOutputStream out, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof Json.Raw raw) {
            out.writeBytes(raw.bytes());
            return;
        }
        String text;
        if (value instanceof List<?> list && list.stream().allMatch(v -> v instanceof String)) {
            text = String.join(";", list.stream().map(Object::toString).toList());
        } else if (value instanceof Map<?, ?> || value instanceof List<?>) {
            text = Json.text(value);
        } else {
            text = value.toString();
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0
                || text.indexOf(';') >= 0) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
