package no.rusvarsel.ingest.signal;

/** Builds valid Norwegian identity numbers for tests (never a real person's: computed check digits). */
final class IdentityNumbers {

    private static final int[] K1 = {3, 7, 6, 1, 8, 9, 4, 5, 2};
    private static final int[] K2 = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};

    private IdentityNumbers() {
    }

    /** Birth date ddmmyy and a 3-digit individual number; tries individual numbers upwards until both check digits exist. */
    static String valid(String ddmmyy, String individual) {
        for (int n = Integer.parseInt(individual); n < 1000; n++) {
            var nine = ddmmyy + String.format("%03d", n);
            int k1 = check(nine, K1);
            if (k1 < 0) {
                continue;
            }
            int k2 = check(nine + k1, K2);
            if (k2 >= 0) {
                return nine + k1 + k2;
            }
        }
        throw new IllegalArgumentException("no valid number for " + ddmmyy);
    }

    private static int check(String digits, int[] weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += (digits.charAt(i) - '0') * weights[i];
        }
        int k = 11 - sum % 11;
        return k == 11 ? 0 : k == 10 ? -1 : k;
    }
}
