package no.rusvarsel.support.problem;

import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * Whole-number query parameters read by hand: bound as {@code @Nullable Integer}, a value that does not convert
 * ({@code page=abc}, {@code size=1e9}) silently became "absent"; here it is a field error.
 */
public final class QueryNumbers {

    private QueryNumbers() {
    }

    /** @return the number, or null when absent or blank; a field error when it is not a whole number that fits an int */
    @Nullable
    public static Integer wholeNumber(@Nullable String text, String field, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            errors.add(new FieldError(0, field, "must be a whole number"));
            return null;
        }
    }
}
