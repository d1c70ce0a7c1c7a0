package no.rusvarsel.bench.loadgen;

import java.util.List;
import java.util.SplittableRandom;

/** Seeded random streams: one per (seed, what, where, day), so any day of a scenario can be generated on its own. */
final class Randoms {

    private Randoms() {
    }

    static SplittableRandom of(long seed, String stream, String where, long day) {
        long h = mix(seed ^ 0x5255_5356_4152L);
        h = mix(h + stream.hashCode());
        h = mix(h + where.hashCode());
        h = mix(h + day);
        return new SplittableRandom(h);
    }

    /** SplitMix64's finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** A Poisson count (Knuth's method, in slices of at most 30 so large means stay exact and fast enough). */
    static int poisson(SplittableRandom random, double mean) {
        if (!(mean > 0)) {
            return 0;
        }
        int total = 0;
        double left = mean;
        while (left > 0) {
            double slice = Math.min(left, 30);
            left -= slice;
            double limit = Math.exp(-slice);
            double product = random.nextDouble();
            while (product > limit) {
                total++;
                product *= random.nextDouble();
            }
        }
        return total;
    }

    static double between(SplittableRandom random, double low, double high) {
        return low + random.nextDouble() * (high - low);
    }

    /** 1 ± up to {@code relative}, uniformly. */
    static double noise(SplittableRandom random, double relative) {
        return 1 + (random.nextDouble() * 2 - 1) * relative;
    }

    static boolean chance(SplittableRandom random, double p) {
        return random.nextDouble() < p;
    }

    static <T> T pick(SplittableRandom random, List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    /** An index drawn with the given weights. */
    static int weighted(SplittableRandom random, double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double r = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }

    static double round2(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
