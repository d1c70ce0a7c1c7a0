package no.rusvarsel.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import static no.rusvarsel.devstack.Console.log;

/**
 * Stops the stack once and in order: services (SIGTERM, 15 s, then SIGKILL with descendants), then the infra JVM (20 s)
 * and any PostgreSQL left; nothing is started once the stop has begun.
 */
final class StackShutdown {

    static final Duration SERVICE_STOP_GRACE = Duration.ofSeconds(15);
    static final Duration INFRA_STOP_GRACE = Duration.ofSeconds(20);
    static final Duration POSTGRES_STOP_GRACE = Duration.ofSeconds(10);

    private final AtomicBoolean stopping = new AtomicBoolean();
    /** Guards starting processes against a concurrent stop, so a Ctrl-C during start-up leaves nothing behind. */
    private final Object lifecycle = new Object();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Map<String, ManagedProcess> services;
    private final Supplier<ManagedProcess> infra;
    private final Path pgData;
    private final PidsFile pids;
    private final ExecutorService scheduler;

    /** {@code services} and {@code infra} are read when the stop begins; {@code scheduler} is shut down at its end. */
    StackShutdown(Map<String, ManagedProcess> services, Supplier<ManagedProcess> infra, Path pgData, PidsFile pids,
                  ExecutorService scheduler) {
        this.services = services;
        this.infra = infra;
        this.pgData = pgData;
        this.pids = pids;
        this.scheduler = scheduler;
    }

    boolean stopping() {
        return stopping.get();
    }

    /** Runs {@code start} unless the stop has begun (then false); a stop waits for a start under way. */
    boolean startUnlessStopping(Runnable start) {
        synchronized (lifecycle) {
            if (stopping.get()) {
                return false;
            }
            start.run();
            return true;
        }
    }

    void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    void stop() {
        synchronized (lifecycle) {
            // from here on nothing new is started (see startUnlessStopping)
            if (!stopping.compareAndSet(false, true)) {
                return;
            }
        }
        try {
            System.out.println();
            log("stopping…");
            services.values().forEach(ManagedProcess::markStopping);
            ManagedProcess infraProcess = infra.get();
            if (infraProcess != null) {
                infraProcess.markStopping();
            }
            stopServices();
            if (infraProcess != null) {
                stopInfra(infraProcess);
            }
            pids.delete();
            log("stopped");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            scheduler.shutdownNow();
            System.out.flush();
            stopped.countDown();
        }
    }

    /** All at once, each in its own thread. */
    private void stopServices() throws InterruptedException {
        var threads = new ArrayList<Thread>();
        for (ManagedProcess service : services.values()) {
            var t = new Thread(() -> {
                var killed = service.stop(SERVICE_STOP_GRACE);
                if (!killed.isEmpty()) {
                    log(service.name() + ": killed " + killed.size() + " process(es) that did not stop in time");
                }
            }, "stop-" + service.name());
            t.start();
            threads.add(t);
        }
        for (var t : threads) {
            t.join();
        }
        if (!services.isEmpty()) {
            log("services stopped");
        }
    }

    /** The infra JVM, then whatever of PostgreSQL (found via postmaster.pid, before and after) is still there. */
    private void stopInfra(ManagedProcess infraProcess) {
        var leftovers = new ArrayList<ProcessHandle>();
        ProcessTree.postmaster(pgData).ifPresent(pm -> leftovers.addAll(ProcessTree.withDescendants(pm)));
        leftovers.addAll(infraProcess.tree());
        var killed = infraProcess.stop(INFRA_STOP_GRACE);
        if (!killed.isEmpty()) {
            log("infra: killed " + killed.size() + " process(es) that did not stop in time");
        }
        // PostgreSQL is daemonised by pg_ctl: whatever of it is still there gets SIGTERM, then SIGKILL
        ProcessTree.postmaster(pgData).ifPresent(pm -> leftovers.addAll(ProcessTree.withDescendants(pm)));
        var forced = ProcessTree.terminate(leftovers.stream().filter(ProcessHandle::isAlive).distinct().toList(), POSTGRES_STOP_GRACE);
        if (!forced.isEmpty()) {
            log("killed " + forced.size() + " leftover PostgreSQL process(es)");
        }
        log("Kafka and PostgreSQL stopped");
    }
}
