package no.rusvarsel.devstack.authz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The table of {@code docs/authorization-matrix.md}: one row per endpoint, one expected status per caller. Parsed
 * from the Markdown a person reads, so the document and the test cannot drift apart.
 */
record AuthorizationMatrix(List<String> callers, List<Row> rows) {

    static final Path FILE = Path.of("..").toAbsolutePath().normalize().resolve("docs/authorization-matrix.md");
    static final List<String> CALLERS = List.of("anonymous", "provider A", "provider B", "ANALYST", "OPERATOR", "ADMIN",
            "expired token", "wrong signature", "revoked key");
    static final List<String> SERVICES = List.of("ingest", "analytics", "alerts");
    private static final String HEADING = "## The matrix";

    /** One endpoint: the service, the method, the path (with {@code {fixture}} placeholders) and a status per caller. */
    record Row(String service, String method, String path, Map<String, Integer> expected) {

        String label() {
            return service + " " + method + " " + path;
        }

        /** The path without its query, placeholders kept. */
        String route() {
            int q = path.indexOf('?');
            return q < 0 ? path : path.substring(0, q);
        }
    }

    static AuthorizationMatrix read() {
        try {
            return parse(Files.readString(FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static AuthorizationMatrix parse(String markdown) {
        var lines = markdown.lines().toList();
        int start = lines.indexOf(HEADING);
        if (start < 0) {
            throw new IllegalArgumentException("no '" + HEADING + "' section");
        }
        var table = new ArrayList<List<String>>();
        for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
            var line = lines.get(i).strip();
            if (line.startsWith("|")) {
                table.add(cells(line));
            } else if (!table.isEmpty() && !line.isEmpty()) {
                break;
            }
        }
        if (table.size() < 3) {
            throw new IllegalArgumentException("the matrix has no rows");
        }
        var header = table.get(0);
        if (!header.subList(0, 3).equals(List.of("service", "method", "path"))) {
            throw new IllegalArgumentException("the matrix must start with service | method | path, not " + header);
        }
        var callers = header.subList(3, header.size());
        if (!callers.equals(CALLERS)) {
            throw new IllegalArgumentException("the callers must be " + CALLERS + ", not " + callers);
        }
        var rows = new ArrayList<Row>();
        for (var cells : table.subList(2, table.size())) {
            if (cells.size() != header.size()) {
                throw new IllegalArgumentException("row " + cells + " has " + cells.size() + " cells, the header " + header.size());
            }
            var service = cells.get(0);
            if (!SERVICES.contains(service)) {
                throw new IllegalArgumentException("unknown service '" + service + "' in " + cells);
            }
            var path = cells.get(2).replace("`", "");
            var expected = new LinkedHashMap<String, Integer>();
            for (int c = 0; c < callers.size(); c++) {
                var cell = cells.get(3 + c);
                if (!cell.matches("[1-5]\\d\\d")) {
                    throw new IllegalArgumentException("cell '" + cell + "' of " + path + " / " + callers.get(c) + " is not a status");
                }
                expected.put(callers.get(c), Integer.parseInt(cell));
            }
            rows.add(new Row(service, cells.get(1), path, expected));
        }
        return new AuthorizationMatrix(List.copyOf(callers), List.copyOf(rows));
    }

    private static List<String> cells(String line) {
        var inner = line.substring(1, line.endsWith("|") ? line.length() - 1 : line.length());
        return Arrays.stream(inner.split("\\|", -1)).map(String::strip).toList();
    }
}
