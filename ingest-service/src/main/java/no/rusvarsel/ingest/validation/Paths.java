package no.rusvarsel.ingest.validation;

import java.util.regex.Pattern;

/** Builds field paths such as {@code components[0].amountMg}; a field name a provider invented is shown only when it is plain. */
final class Paths {

    /** How an unknown field whose name is not a plain identifier (or holds a long number) appears in a path. */
    static final String HIDDEN_NAME = "(name hidden)";

    private static final Pattern PLAIN_NAME = Pattern.compile("[\\p{L}_][\\p{L}0-9_-]{0,63}");
    private static final Pattern LONG_NUMBER = Pattern.compile("[0-9]{6}");

    private Paths() {
    }

    static String field(String parent, String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }

    static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /** Whether a name from the input may be echoed in an error: no control characters, no personal data, short. */
    static boolean isPlain(String name) {
        return PLAIN_NAME.matcher(name).matches() && !LONG_NUMBER.matcher(name).find();
    }

    /** The name itself when plain, else {@link #HIDDEN_NAME}. */
    static String display(String name) {
        return isPlain(name) ? name : HIDDEN_NAME;
    }
}
