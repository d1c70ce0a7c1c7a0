package no.rusvarsel.devstack;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static no.rusvarsel.devstack.Console.display;
import static no.rusvarsel.devstack.Console.err;
import static no.rusvarsel.devstack.Console.log;
import static no.rusvarsel.devstack.Console.seconds;
import static no.rusvarsel.devstack.Console.tail;

/** Waits for readiness: {@code infra.json} from the infra process, then /health UP from every service, and again after a restart. */
final class StackHealth {

    static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(120);
    static final Duration INFRA_TIMEOUT = Duration.ofSeconds(120);

    private final HttpClient http;
    private final Instant startedAt;
    private final BooleanSupplier stopping;

    StackHealth(HttpClient http, Instant startedAt, BooleanSupplier stopping) {
        this.http = http;
        this.startedAt = startedAt;
        this.stopping = stopping;
    }

    /** What the infra process wrote once Kafka and PostgreSQL are up; null (with a clear message) if it died or timed out. */
    InfraInfo waitForInfra(ManagedProcess infra, Path infraJson) {
        long deadline = System.nanoTime() + INFRA_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.isRegularFile(infraJson)) {
                try {
                    return Json.read(infraJson, InfraInfo.class);
                } catch (RuntimeException e) {
                    // being written: try again
                }
            }
            if (!infra.isAlive()) {
                // the exit listener reports it and stops the stack
                sleep(Duration.ofSeconds(30));
                return null;
            }
            sleep(Duration.ofMillis(100));
        }
        err("Kafka and PostgreSQL were not ready within " + INFRA_TIMEOUT.toSeconds() + " s (no " + infraJson + "). Last lines of "
                + display(infra.logFile()) + ":\n" + tail(infra.logFile(), 20));
        return null;
    }

    /** Polls every service's /health until all are UP; false (with a clear message) after the timeout. */
    boolean waitHealthy(Map<String, ManagedProcess> services, Ports ports, Map<String, Integer> exits) {
        var health = new Health(http);
        var pending = new LinkedHashMap<>(services);
        long deadline = System.nanoTime() + HEALTH_TIMEOUT.toNanos();
        while (!pending.isEmpty()) {
            for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
                var entry = it.next();
                ServiceDef def = ServiceDef.of(entry.getKey());
                if (health.isUp(def.port(ports))) {
                    it.remove();
                    log(String.format("%s is healthy on http://127.0.0.1:%d (%.1f s after start)", entry.getKey(), def.port(ports),
                            seconds(Duration.between(startedAt, Instant.now()))));
                }
            }
            if (pending.isEmpty()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                for (var entry : pending.entrySet()) {
                    int exitCount = exits.getOrDefault(entry.getKey(), 0);
                    err(entry.getKey() + " did not answer GET http://127.0.0.1:" + ServiceDef.of(entry.getKey()).port(ports) + "/health with UP within "
                            + HEALTH_TIMEOUT.toSeconds() + " s" + (exitCount > 0 ? " (it exited " + exitCount + " time(s))" : "")
                            + "; see " + display(entry.getValue().logFile()) + ". Last lines:\n" + tail(entry.getValue().logFile(), 15));
                }
                return false;
            }
            sleep(Duration.ofMillis(300));
        }
        return true;
    }

    /** In the background: says when a restarted service answers /health UP again (gives up on stop, exit or timeout). */
    void reportHealthyAgain(ManagedProcess process, int port) {
        var t = new Thread(() -> {
            long t0 = System.nanoTime();
            var health = new Health(http);
            while (!stopping.getAsBoolean() && process.isAlive() && System.nanoTime() - t0 < HEALTH_TIMEOUT.toNanos()) {
                if (health.isUp(port)) {
                    log(String.format("%s is healthy again (%.1f s after restart)", process.name(), (System.nanoTime() - t0) / 1e9));
                    return;
                }
                sleep(Duration.ofMillis(300));
            }
        }, "devstack-health-" + process.name());
        t.setDaemon(true);
        t.start();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
