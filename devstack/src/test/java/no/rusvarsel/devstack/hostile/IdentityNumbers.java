package no.rusvarsel.devstack.hostile;

import java.util.Random;

/** Valid Norwegian national identity numbers and D-numbers (11 digits, both mod-11 check digits right), made up. */
final class IdentityNumbers {

    private static final int[] W1 = {3, 7, 6, 1, 8, 9, 4, 5, 2};
    private static final int[] W2 = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};

    private IdentityNumbers() {
    }

    static String fodselsnummer(Random random) {
        return make(random, 0);
    }

    /** A D-number: the day plus 40. */
    static String dNumber(Random random) {
        return make(random, 40);
    }

    private static String make(Random random, int dayOffset) {
        while (true) {
            int day = 1 + random.nextInt(28) + dayOffset;
            int month = 1 + random.nextInt(12);
            int year = random.nextInt(100);
            int individual = random.nextInt(500);
            var base = String.format("%02d%02d%02d%03d", day, month, year, individual);
            int k1 = check(base, W1);
            if (k1 == 10) {
                continue;
            }
            int k2 = check(base + k1, W2);
            if (k2 == 10) {
                continue;
            }
            return base + k1 + k2;
        }
    }

    private static int check(String digits, int[] weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += (digits.charAt(i) - '0') * weights[i];
        }
        int k = 11 - sum % 11;
        return k == 11 ? 0 : k;
    }

    static boolean valid(String id) {
        return id.length() == 11 && check(id, W1) == id.charAt(9) - '0' && check(id, W2) == id.charAt(10) - '0';
    }
}
