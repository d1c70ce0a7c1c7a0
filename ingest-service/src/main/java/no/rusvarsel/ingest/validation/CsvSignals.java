package no.rusvarsel.ingest.validation;

import io.micronaut.json.tree.JsonNode;
import no.rusvarsel.contracts.signal.SourceType;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a lab's spreadsheet export (CSV) into one JSON record per {@code externalId}, typed by the source type's schema.
 * <p>
 * Conventions: the first row is the header; column names are the JSON field names (matched ignoring case), in any
 * order, and a column may be left out (the validator then says what is missing). One row per substance result: the
 * record's own fields are repeated on every row, and rows are grouped by {@code externalId} into one record, in order
 * of first appearance; every row of one {@code externalId} must repeat exactly the same record-level values. The item
 * columns are those of the item: wastewater {@code substance, concentrationNgPerL, loadMgPerDayPer1000, belowLoq};
 * drug-checking {@code substance, amountMg, purityPercent}; seizure {@code substance, quantity, unit, purityPercent,
 * form} ({@code form} is the item's form: a seizure record has none of its own); syringe {@code substance,
 * syringesPositive} (a row with all item cells empty adds no item, so a syringe record with nothing detected is one
 * row with empty item cells). Patient events have no items: one row per record, with {@code suspectedSubstances} and
 * {@code confirmedSubstances} as {@code ;}-separated lists in one cell ({@code "MDMA;kokain"}). Text is UTF-8 with an
 * optional byte order mark (the {@code byte[]} overload falls back to Windows-1252 when the bytes are not valid UTF-8);
 * delimiter {@code ,} or {@code ;} (whichever the header row uses more, outside quotes); CRLF or LF; quotes
 * as in RFC 4180 ({@code ""} inside a quoted cell). Cells are trimmed; an empty cell means the field is absent; rows
 * whose cells are all empty are skipped, and so are columns with an empty header whose cells are all empty.
 * Numbers become JSON numbers when they parse ({@code 12.5}, {@code 1e3}; with the {@code ;} delimiter also the
 * decimal comma {@code 12,5}), {@code true}/{@code false} (any case) become booleans; anything else stays text, so the
 * validator reports it ({@code must be a number}) at the right field path. Cell text is never evaluated: a cell such
 * as {@code =HYPERLINK(...)} stays plain text here (whoever exports data to a spreadsheet later must neutralise it).
 * <p>
 * Errors: a problem with the file's structure — malformed CSV (an unclosed quote, text after a closing quote), a row
 * with more cells than the header or fewer (a row may leave out only unnamed trailing columns; an absent value is an
 * empty cell), an unknown or duplicate column, no {@code externalId} column, rows of one
 * {@code externalId} that disagree on a record-level field, no records, too many records — is an
 * {@link InputFormatException} for the first such problem, with its line (1-based, of the file) and column (the
 * cell's column, A = 1). Problems with values are left to {@link RecordValidator}, which reports them all per record.
 * Messages never repeat cell contents.
 */
public final class CsvSignals {

    /** Separates the substances of one patient-event cell. */
    public static final String LIST_SEPARATOR = ";";

    private static final Pattern NUMBER = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");
    private static final Pattern DECIMAL_COMMA = Pattern.compile("[+-]?[0-9]+,[0-9]+");
    private static final Pattern COLUMN_NAME = Pattern.compile("[\\p{L}0-9 _.()/%-]{1,64}");
    private static final Pattern LONG_NUMBER = Pattern.compile("[0-9]{6}");
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final Pattern UNCLOSED_QUOTE = Pattern.compile("\\(startline ([0-9,]+)\\) EOF reached before encapsulated token finished");
    private static final Pattern TEXT_AFTER_QUOTE = Pattern.compile("Invalid character between encapsulated token and delimiter at line: ([0-9,]+), position: ([0-9,]+)");

    private CsvSignals() {
    }

    public static List<JsonNode> parse(SourceType type, String csv) {
        return parse(type, csv, JsonRecords.DEFAULT_MAX_RECORDS);
    }

    /**
     * The body as sent: UTF-8 (with or without byte order mark) when it is valid UTF-8, else Windows-1252, the
     * encoding of Excel's plain "CSV" export on Norwegian Windows ("CSV UTF-8" is the other choice there).
     */
    public static List<JsonNode> parse(SourceType type, byte[] body, int maxRecords) {
        return parse(type, decode(body == null ? new byte[0] : body), maxRecords);
    }

    static String decode(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return new String(body, Charset.forName("windows-1252"));
        }
    }

    public static List<JsonNode> parse(SourceType type, String csv, int maxRecords) {
        String text = csv == null ? "" : csv;
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            throw new InputFormatException("no records");
        }
        return new Reader(type, text, maxRecords).read();
    }

    /** The columns a source type's CSV may have, from its schema. */
    private record Layout(SourceType type, Spec.Obj record, String itemsField, Spec.Obj item, Map<String, String> byLowerCase) {

        static Layout of(SourceType type) {
            Spec.Obj record = Schemas.forType(type);
            String itemsField = null;
            Spec.Obj item = null;
            for (var field : record.fields().entrySet()) {
                if (field.getValue() instanceof Spec.ListOf list && list.item() instanceof Spec.Obj obj) {
                    itemsField = field.getKey();
                    item = obj;
                }
            }
            var byLowerCase = new LinkedHashMap<String, String>();
            for (String name : record.fields().keySet()) {
                if (!name.equals(itemsField)) {
                    byLowerCase.put(name.toLowerCase(Locale.ROOT), name);
                }
            }
            if (item != null) {
                for (String name : item.fields().keySet()) {
                    if (byLowerCase.put(name.toLowerCase(Locale.ROOT), name) != null) {
                        throw new IllegalStateException(type + ": item field " + name + " clashes with a record field");
                    }
                }
            }
            return new Layout(type, record, itemsField, item, byLowerCase);
        }

        boolean isItemField(String name) {
            return item != null && item.fields().containsKey(name);
        }
    }

    /** A column of the header: the field it fills, or null for an ignored column with an empty header. */
    private record Column(String field, Spec spec, boolean item) {
    }

    /** The rows of one externalId so far. */
    private static final class Group {
        final long firstLine;
        final List<String> recordCells;
        final List<JsonNode> items = new ArrayList<>();
        final Map<String, JsonNode> fields = new LinkedHashMap<>();

        Group(long firstLine, List<String> recordCells) {
            this.firstLine = firstLine;
            this.recordCells = recordCells;
        }
    }

    private static final class Reader {
        private final Layout layout;
        private final String text;
        private final int maxRecords;
        private final char delimiter;
        private final int[] newlines;
        private final List<Group> groups = new ArrayList<>();
        private final Map<String, Group> byExternalId = new HashMap<>();
        private List<Column> columns;
        private int externalIdColumn = -1;
        private long lastLine = 0;

        Reader(SourceType type, String text, int maxRecords) {
            this.layout = Layout.of(type);
            this.text = text;
            this.maxRecords = maxRecords;
            this.delimiter = detectDelimiter(text);
            this.newlines = newlinePositions(text);
        }

        List<JsonNode> read() {
            CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).get();
            try (CSVParser parser = CSVParser.parse(text, format)) {
                for (CSVRecord row : parser) {
                    long line = lineOf(row.getCharacterPosition());
                    lastLine = line;
                    if (columns == null) {
                        header(row, line);
                    } else {
                        row(row, line);
                    }
                }
            } catch (UncheckedIOException e) {
                throw malformed(e.getCause());
            } catch (IOException e) {
                throw malformed(e);
            }
            if (groups.isEmpty()) {
                throw new InputFormatException("no records: the file has a header but no rows");
            }
            return groups.stream().map(this::record).toList();
        }

        private void header(CSVRecord row, long line) {
            columns = new ArrayList<>();
            var seen = new HashMap<String, Integer>();
            for (int i = 0; i < row.size(); i++) {
                String name = row.get(i).strip();
                if (name.isEmpty()) {
                    columns.add(new Column(null, null, false));
                    continue;
                }
                String field = layout.byLowerCase().get(name.toLowerCase(Locale.ROOT));
                if (field == null) {
                    throw new InputFormatException("unknown column " + displayColumn(name) + ": a " + layout.type().path()
                            + " CSV has the columns " + String.join(", ", layout.byLowerCase().values()), line, i + 1);
                }
                Integer earlier = seen.put(field, i);
                if (earlier != null) {
                    throw new InputFormatException("column " + field + " appears twice (also in column " + (earlier + 1) + ")",
                            line, i + 1);
                }
                boolean item = layout.isItemField(field);
                Spec spec = item ? layout.item().fields().get(field) : layout.record().fields().get(field);
                columns.add(new Column(field, spec, item));
                if (field.equals("externalId")) {
                    externalIdColumn = i;
                }
            }
            if (externalIdColumn < 0) {
                throw new InputFormatException("the header has no externalId column: it says which rows make up one record",
                        line, -1);
            }
        }

        private void row(CSVRecord row, long line) {
            if (row.size() > columns.size()) {
                throw new InputFormatException("this row has " + row.size() + " cells but the header has " + columns.size()
                        + " columns (does a value holding the delimiter '" + delimiter + "' lack quotes?)", line, columns.size() + 1);
            }
            var cells = new ArrayList<String>(columns.size());
            boolean empty = true;
            for (int i = 0; i < columns.size(); i++) {
                String cell = i < row.size() ? row.get(i).strip() : "";
                cells.add(cell);
                empty &= cell.isEmpty();
            }
            if (empty) {
                return;
            }
            int named = lastNamedColumn() + 1;
            if (row.size() < named) {
                throw new InputFormatException("this row has " + row.size() + " cells but the header has " + columns.size()
                        + " columns: every row needs a cell for each column, left empty when the value is absent", line,
                        row.size() + 1);
            }
            var recordCells = new ArrayList<String>();
            for (int i = 0; i < columns.size(); i++) {
                Column column = columns.get(i);
                if (column.field() == null && !cells.get(i).isEmpty()) {
                    throw new InputFormatException("a value in a column without a name in the header", line, i + 1);
                }
                recordCells.add(column.field() != null && !column.item() ? cells.get(i) : "");
            }
            String externalId = cells.get(externalIdColumn);
            Group group = externalId.isEmpty() ? null : byExternalId.get(externalId);
            if (group == null) {
                if (groups.size() == maxRecords) {
                    throw new InputFormatException("too many records: at most " + maxRecords
                            + " per request; split the file into several requests", line, externalIdColumn + 1);
                }
                group = new Group(line, recordCells);
                for (int i = 0; i < columns.size(); i++) {
                    Column column = columns.get(i);
                    if (column.field() != null && !column.item() && !cells.get(i).isEmpty()) {
                        group.fields.put(column.field(), convert(column.spec(), cells.get(i)));
                    }
                }
                groups.add(group);
                if (!externalId.isEmpty()) {
                    byExternalId.put(externalId, group);
                }
            } else {
                for (int i = 0; i < columns.size(); i++) {
                    if (!recordCells.get(i).equals(group.recordCells.get(i))) {
                        throw new InputFormatException(columns.get(i).field() + " differs from line " + group.firstLine
                                + ", the first row of the same externalId: every row of one record must repeat the same "
                                + "record fields", line, i + 1);
                    }
                }
            }
            if (layout.item() != null) {
                var item = new LinkedHashMap<String, JsonNode>();
                for (String field : layout.item().fields().keySet()) {
                    for (int i = 0; i < columns.size(); i++) {
                        Column column = columns.get(i);
                        if (column.item() && column.field().equals(field) && !cells.get(i).isEmpty()) {
                            item.put(field, convert(column.spec(), cells.get(i)));
                        }
                    }
                }
                if (!item.isEmpty()) {
                    group.items.add(JsonNode.createObjectNode(item));
                }
            }
        }

        /** The last column with a name in the header (unnamed trailing columns may be missing from a row). */
        private int lastNamedColumn() {
            int last = columns.size() - 1;
            while (last >= 0 && columns.get(last).field() == null) {
                last--;
            }
            return last;
        }

        /** The record in schema order: record fields, with the items list where the schema has it. */
        private JsonNode record(Group group) {
            var record = new LinkedHashMap<String, JsonNode>();
            boolean itemColumns = columns.stream().anyMatch(Column::item);
            for (String field : layout.record().fields().keySet()) {
                if (field.equals(layout.itemsField())) {
                    if (itemColumns) {
                        record.put(field, JsonNode.createArrayNode(group.items));
                    }
                } else if (group.fields.containsKey(field)) {
                    record.put(field, group.fields.get(field));
                }
            }
            return JsonNode.createObjectNode(record);
        }

        private JsonNode convert(Spec spec, String cell) {
            if (spec instanceof Spec.Num) {
                BigDecimal number = number(cell);
                return number == null ? JsonNode.createStringNode(cell) : numberNode(number);
            }
            if (spec instanceof Spec.Bool) {
                if (cell.equalsIgnoreCase("true") || cell.equalsIgnoreCase("false")) {
                    return JsonNode.createBooleanNode(cell.equalsIgnoreCase("true"));
                }
                return JsonNode.createStringNode(cell);
            }
            if (spec instanceof Spec.ListOf list) {
                var values = new ArrayList<JsonNode>();
                for (String part : cell.split(LIST_SEPARATOR, -1)) {
                    if (!part.isBlank()) {
                        values.add(convert(list.item(), part.strip()));
                    }
                }
                return JsonNode.createArrayNode(values);
            }
            return JsonNode.createStringNode(cell);
        }

        private BigDecimal number(String cell) {
            String candidate = cell;
            if (delimiter == ';' && DECIMAL_COMMA.matcher(cell).matches()) {
                candidate = cell.replace(',', '.');
            } else if (!NUMBER.matcher(cell).matches()) {
                return null;
            }
            try {
                return new BigDecimal(candidate);
            } catch (NumberFormatException e) {
                return null;  // an exponent beyond what BigDecimal holds: left as text, refused by the validator
            }
        }

        private static JsonNode numberNode(BigDecimal value) {
            boolean whole = value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
            if (whole && value.abs().compareTo(LONG_MAX) <= 0) {
                return JsonNode.createNumberNode(value.longValueExact());
            }
            return JsonNode.createNumberNode(value);
        }

        /** The line of a record that starts at a character position (Commons CSV points before skipped empty lines). */
        private long lineOf(long position) {
            int p = (int) Math.min(position, text.length());
            while (p < text.length() && (text.charAt(p) == '\n' || text.charAt(p) == '\r')) {
                p++;
            }
            return lineAt(p);
        }

        private long lineAt(int position) {
            int before = Arrays.binarySearch(newlines, position);
            return (before >= 0 ? before : -before - 1) + 1L;
        }

        private int lineStart(long line) {
            return line <= 1 ? 0 : Math.min(text.length(), newlines[(int) Math.min(line - 2, newlines.length - 1)] + 1);
        }

        /** Where Commons CSV gave up, as line and cell column; the library's message is not repeated (it may quote data). */
        private InputFormatException malformed(Throwable failure) {
            String message = String.valueOf(failure == null ? null : failure.getMessage());
            Matcher unclosed = UNCLOSED_QUOTE.matcher(message);
            if (unclosed.find()) {
                long line = parseLong(unclosed.group(1));
                return new InputFormatException("a quoted value is never closed: its opening quote (\") has no closing quote",
                        line, openQuoteColumn(lineStart(line)));
            }
            Matcher afterQuote = TEXT_AFTER_QUOTE.matcher(message);
            if (afterQuote.find()) {
                long line = parseLong(afterQuote.group(1));
                int position = (int) Math.min(text.length(), parseLong(afterQuote.group(2)));
                return new InputFormatException("text after the closing quote of a quoted value; inside quotes, write a quote "
                        + "as two quotes (\"\")", line, cellColumn(lineStart(line), Math.max(lineStart(line), position - 1)));
            }
            return new InputFormatException("malformed CSV after this line", lastLine, -1);
        }

        /** The cell column (1-based) that the character at {@code to} is in, counting delimiters outside quotes. */
        private int cellColumn(int from, int to) {
            int column = 1;
            boolean quoted = false;
            for (int i = from; i < to && i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"') {
                    quoted = !quoted;
                } else if (c == delimiter && !quoted) {
                    column++;
                }
            }
            return column;
        }

        /** The cell column of the quote that opens and is never closed, scanning from {@code from} to the end. */
        private int openQuoteColumn(int from) {
            int column = 1;
            int openedIn = -1;
            boolean quoted = false;
            for (int i = from; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"') {
                    quoted = !quoted;
                    if (quoted) {
                        openedIn = column;
                    }
                } else if (!quoted && c == delimiter) {
                    column++;
                } else if (!quoted && c == '\n') {
                    column = 1;
                }
            }
            return openedIn;
        }
    }

    /** {@code ;} when the header row has more semicolons than commas outside quotes, else {@code ,}. */
    static char detectDelimiter(String text) {
        int commas = 0;
        int semicolons = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                if (commas + semicolons > 0) {
                    break;
                }
            } else if (!quoted && c == ',') {
                commas++;
            } else if (!quoted && c == ';') {
                semicolons++;
            }
        }
        return semicolons > commas ? ';' : ',';
    }

    private static int[] newlinePositions(String text) {
        var positions = new ArrayList<Integer>();
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                positions.add(i);
            }
        }
        return positions.stream().mapToInt(Integer::intValue).toArray();
    }

    private static long parseLong(String digits) {
        return Long.parseLong(digits.replace(",", ""));
    }

    /** A column name from the header, quoted, or a placeholder when it could hold anything but a name. */
    private static String displayColumn(String name) {
        return COLUMN_NAME.matcher(name).matches() && !LONG_NUMBER.matcher(name).find()
                ? "\"" + name + "\"" : "(name not shown)";
    }

    /** The column names a source type's CSV may have: the record fields, then the item fields. */
    public static List<String> columns(SourceType type) {
        return List.copyOf(Layout.of(type).byLowerCase().values());
    }
}
