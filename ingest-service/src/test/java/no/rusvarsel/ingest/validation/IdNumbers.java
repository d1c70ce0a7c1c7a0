package no.rusvarsel.ingest.validation;

/**
 * Makes syntactically valid Norwegian identity numbers for tests, computing the check digits (mod 11),
 * so no real person's number is written down anywhere.
 */
public final class IdNumbers {

    private static final int[] K1 = {3, 7, 6, 1, 8, 9, 4, 5, 2};
    private static final int[] K2 = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};

    private IdNumbers() {
    }

    /** A fødselsnummer for the date, the first individual number ≥ {@code from} whose check digits both exist. */
    public static String fodselsnummer(int day, int month, int year2, int from) {
        return withCheckDigits(String.format("%02d%02d%02d", day, month, year2), from);
    }

    /** A D-number: the first digit of the day + 4. */
    static String dNumber(int day, int month, int year2) {
        return fodselsnummer(day + 40, month, year2, 500);
    }

    /** The first 11 digits starting with these 6, individual number ≥ {@code from}, with valid check digits. */
    static String withCheckDigits(String sixDigits, int from) {
        for (int individual = from; individual < 1000; individual++) {
            String nine = sixDigits + String.format("%03d", individual);
            int k1 = check(nine, K1);
            if (k1 < 0) {
                continue;
            }
            int k2 = check(nine + k1, K2);
            if (k2 >= 0) {
                return nine + k1 + k2;
            }
        }
        throw new IllegalArgumentException("no valid number for " + sixDigits);
    }

    /** The same number with the last check digit changed, so it is no longer valid. */
    static String withWrongCheckDigit(String valid) {
        char last = valid.charAt(10);
        return valid.substring(0, 10) + (char) (last == '9' ? '0' : last + 1);
    }

    private static int check(String digits, int[] weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += (digits.charAt(i) - '0') * weights[i];
        }
        int r = sum % 11;
        return r == 0 ? 0 : r == 1 ? -1 : 11 - r;
    }
}
