package no.rusvarsel.devstack;

import no.rusvarsel.infra.FreePorts;

import java.util.HashSet;
import java.util.Set;
import java.util.function.IntPredicate;

/** The ports the stack actually uses: each the preferred one if free, else the next free one (0: any free port). */
public record Ports(int ingest, int analytics, int alerts, int kafka, int postgres) {

    public static Ports choose(DevStackOptions options) {
        return choose(options, FreePorts::isFree);
    }

    /** Picks five distinct ports; {@code free} says whether a port can be bound now. */
    static Ports choose(DevStackOptions options, IntPredicate free) {
        Set<Integer> taken = new HashSet<>();
        int kafka = pick(options.kafkaPort(), free, taken);
        int postgres = pick(options.postgresPort(), free, taken);
        int ingest = pick(options.ingestPort(), free, taken);
        int analytics = pick(options.analyticsPort(), free, taken);
        int alerts = pick(options.alertsPort(), free, taken);
        return new Ports(ingest, analytics, alerts, kafka, postgres);
    }

    private static int pick(int preferred, IntPredicate free, Set<Integer> taken) {
        if (preferred == 0) {
            for (int attempt = 0; attempt < 20; attempt++) {
                int port = FreePorts.any();
                if (taken.add(port)) {
                    return port;
                }
            }
            throw new IllegalStateException("no free port");
        }
        for (int port = preferred; port < preferred + 100 && port <= 65535; port++) {
            if (!taken.contains(port) && free.test(port)) {
                taken.add(port);
                return port;
            }
        }
        throw new IllegalStateException("no free port in " + preferred + ".." + Math.min(65535, preferred + 99));
    }
}
