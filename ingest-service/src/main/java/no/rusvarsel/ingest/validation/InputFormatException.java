package no.rusvarsel.ingest.validation;

/**
 * A request body that cannot be read as records at all (malformed JSON or CSV, no records, too many), with where:
 * {@link #line()} is 1-based; {@link #column()} is 1-based (JSON: character in the line; CSV: the cell's column,
 * A = 1); both are -1 when the problem has no single place. {@link #getMessage()} starts with the place.
 */
public class InputFormatException extends RuntimeException {

    private final String reason;
    private final long line;
    private final long column;

    public InputFormatException(String reason) {
        this(reason, -1, -1);
    }

    public InputFormatException(String reason, long line, long column) {
        super(describe(reason, line, column));
        this.reason = reason;
        this.line = line;
        this.column = column;
    }

    private static String describe(String reason, long line, long column) {
        if (line < 1) {
            return reason;
        }
        return column < 1 ? "line " + line + ": " + reason : "line " + line + ", column " + column + ": " + reason;
    }

    /** What is wrong, without the place. */
    public String reason() {
        return reason;
    }

    public long line() {
        return line;
    }

    public long column() {
        return column;
    }
}
