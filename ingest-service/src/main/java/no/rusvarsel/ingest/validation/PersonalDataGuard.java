package no.rusvarsel.ingest.validation;

import no.rusvarsel.support.problem.FieldError;

import io.micronaut.json.tree.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Refuses any value, anywhere in a record, that holds a valid Norwegian national identity number or D-number
 * (11 digits with both mod-11 check digits right and a plausible date, also Skatteetaten's synthetic test numbers).
 * <p>
 * Looked at: every string (free text included), every number and every field name. A candidate is a run of exactly
 * 11 digits, not part of a longer run, or 6 + 5 digits with one space, no-break space, dot or hyphen between them
 * ({@code 010190 12345}). A JSON integer of 10 digits is also tried with its lost leading zero. The error names
 * the field only: the message never repeats the number.
 */
public final class PersonalDataGuard {

    public static final String MESSAGE = "contains a national identity number or D-number; remove personal data";

    private static final int[] WEIGHTS_1 = {3, 7, 6, 1, 8, 9, 4, 5, 2};
    private static final int[] WEIGHTS_2 = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};
    private static final String SEPARATORS = " \u00A0.-";

    private PersonalDataGuard() {
    }

    private record Visit(JsonNode node, String path) {
    }

    /** @return one error per value (or field name) that holds such a number, in document order */
    public static List<FieldError> scan(int index, JsonNode record) {
        Set<String> paths = new LinkedHashSet<>();
        Deque<Visit> stack = new ArrayDeque<>();
        stack.push(new Visit(record, ""));
        while (!stack.isEmpty()) {
            Visit visit = stack.pop();
            JsonNode node = visit.node();
            if (node == null) {
                continue;
            }
            if (node.isObject()) {
                var children = new ArrayList<Visit>();
                for (Map.Entry<String, JsonNode> member : node.entries()) {
                    String path = Paths.field(visit.path(), Paths.display(member.getKey()));
                    if (containsIdNumber(member.getKey())) {
                        paths.add(path);
                    }
                    children.add(new Visit(member.getValue(), path));
                }
                pushInReverse(stack, children);
            } else if (node.isArray()) {
                var children = new ArrayList<Visit>();
                for (int i = 0; i < node.size(); i++) {
                    children.add(new Visit(node.get(i), Paths.index(visit.path(), i)));
                }
                pushInReverse(stack, children);
            } else if (node.isString() && containsIdNumber(node.getStringValue())) {
                paths.add(visit.path());
            } else if (node.isNumber() && numberIsIdNumber(node)) {
                paths.add(visit.path());
            }
        }
        return paths.stream().map(path -> new FieldError(index, path, MESSAGE)).toList();
    }

    private static void pushInReverse(Deque<Visit> stack, List<Visit> children) {
        for (int i = children.size() - 1; i >= 0; i--) {
            stack.push(children.get(i));
        }
    }

    private static boolean numberIsIdNumber(JsonNode node) {
        Optional<BigDecimal> value = Values.decimal(node);
        if (value.isEmpty()) {
            return false;
        }
        BigDecimal v = value.get().abs();
        // plain notation, unless that would be absurdly long (1e999999): then the digits of the mantissa
        String text = Math.abs(v.scale()) <= 100 ? v.toPlainString() : v.unscaledValue().toString();
        if (containsIdNumber(text)) {
            return true;
        }
        // 01019012345 sent as a JSON number loses its leading zero
        return text.length() == 10 && text.chars().allMatch(PersonalDataGuard::isDigit) && containsIdNumber("0" + text);
    }

    /** Whether the text holds a valid national identity number or D-number as described in the class comment. */
    static boolean containsIdNumber(String s) {
        int n = s.length();
        int i = 0;
        while (i < n) {
            if (!isDigit(s.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            int length = i - start;
            if (length == 11 && isIdNumber(s.substring(start, i))) {
                return true;
            }
            if (length == 6 && i + 1 < n && SEPARATORS.indexOf(s.charAt(i)) >= 0 && isDigit(s.charAt(i + 1))) {
                int second = i + 1;
                int end = second;
                while (end < n && isDigit(s.charAt(end))) {
                    end++;
                }
                if (end - second == 5 && isIdNumber(s.substring(start, i) + s.substring(second, end))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** 11 digits: both check digits right and a plausible date (D-number day + 40; synthetic month + 40 or + 80). */
    static boolean isIdNumber(String digits) {
        if (digits.length() != 11) {
            return false;
        }
        int[] d = new int[11];
        for (int i = 0; i < 11; i++) {
            d[i] = digits.charAt(i) - '0';
        }
        if (checkDigit(d, WEIGHTS_1) != d[9] || checkDigit(d, WEIGHTS_2) != d[10]) {
            return false;
        }
        int day = d[0] * 10 + d[1];
        int month = d[2] * 10 + d[3];
        if (day > 40) {
            day -= 40;
        }
        if (month > 80) {
            month -= 80;
        } else if (month > 40) {
            month -= 40;
        }
        return day >= 1 && day <= 31 && month >= 1 && month <= 12;
    }

    /** mod 11: remainder 0 → 0, remainder 1 → no valid check digit (-1), else 11 − remainder. */
    private static int checkDigit(int[] d, int[] weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += d[i] * weights[i];
        }
        int remainder = sum % 11;
        return remainder == 0 ? 0 : remainder == 1 ? -1 : 11 - remainder;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }
}
