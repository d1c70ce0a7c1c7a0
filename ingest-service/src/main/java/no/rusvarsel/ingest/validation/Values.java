package no.rusvarsel.ingest.validation;

import io.micronaut.json.tree.JsonNode;
import no.rusvarsel.contracts.signal.ObservedAt;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Optional;

/** Reads JSON values leniently for checks: a value that is not what the check needs is simply absent. */
final class Values {

    /** Longer date-time texts are not parsed at all: no valid one comes near this. */
    private static final int MAX_DATE_TIME_LENGTH = 64;

    private Values() {
    }

    /** The value of a finite JSON number, exactly; empty for anything else (strings, NaN, ±Infinity, null). */
    static Optional<BigDecimal> decimal(JsonNode node) {
        if (node == null || !node.isNumber()) {
            return Optional.empty();
        }
        Number n = node.getNumberValue();
        if (n instanceof BigDecimal d) {
            return Optional.of(d);
        }
        if (n instanceof BigInteger i) {
            return Optional.of(new BigDecimal(i));
        }
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            return Double.isFinite(d) ? Optional.of(BigDecimal.valueOf(d)) : Optional.empty();
        }
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
            return Optional.of(BigDecimal.valueOf(n.longValue()));
        }
        try {
            return Optional.of(new BigDecimal(n.toString()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A date (start of that day in Norway) or an instant with offset; empty when the value is neither. */
    static Optional<Instant> instant(JsonNode node) {
        if (node == null || !node.isString()) {
            return Optional.empty();
        }
        String text = node.getStringValue();
        if (text.length() > MAX_DATE_TIME_LENGTH) {
            return Optional.empty();
        }
        try {
            return Optional.of(ObservedAt.parse(text));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** A bound for a message: 100, 0.5, 1000000000000 (never scientific notation). */
    static String plain(BigDecimal bound) {
        return bound.stripTrailingZeros().toPlainString();
    }
}
