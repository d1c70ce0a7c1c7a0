package no.rusvarsel.support.problem;

import io.micronaut.serde.annotation.Serdeable;

/**
 * One problem with one value of a submitted record: which record ({@code index}, 0-based position in the request),
 * where in it ({@code field}, e.g. {@code components[0].amountMg}; {@code ""} for the whole record) and what is wrong.
 */
@Serdeable
public record FieldError(int index, String field, String message) {
}
