package no.rusvarsel.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Process helpers: memory from /proc, whole trees, and PostgreSQL's postmaster (which pg_ctl detaches from its parent). */
final class ProcessTree {

    private ProcessTree() {
    }

    /** The process and all its live descendants. */
    static Set<ProcessHandle> withDescendants(ProcessHandle root) {
        var all = new LinkedHashSet<ProcessHandle>();
        all.add(root);
        root.descendants().forEach(all::add);
        return all;
    }

    /** VmRSS of one process in kB (0 if it is gone or /proc is not there). */
    static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // gone, or not Linux
        }
        return 0;
    }

    /**
     * Proportional set size in kB (shared pages divided among the processes sharing them, so PostgreSQL's shared
     * buffers count once across its backends); 0 if unavailable.
     */
    static long pssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
                if (line.startsWith("Pss:")) {
                    String[] parts = line.substring(4).trim().split("\\s+");
                    return Long.parseLong(parts[0]);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // gone, not permitted, or not Linux
        }
        return 0;
    }

    static long rssKb(Collection<ProcessHandle> processes) {
        return processes.stream().filter(ProcessHandle::isAlive).mapToLong(p -> rssKb(p.pid())).sum();
    }

    /**
     * The postmaster of the cluster in {@code pgData}, from its {@code postmaster.pid}, if it runs and is a postgres process.
     * {@code pg_ctl start} daemonises it, so it is not always a descendant of the process that started it.
     */
    static Optional<ProcessHandle> postmaster(Path pgData) {
        Path pidFile = pgData.resolve("postmaster.pid");
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.isEmpty()) {
                return Optional.empty();
            }
            long pid = Long.parseLong(lines.get(0).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(ProcessTree::isPostgres);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static boolean isPostgres(ProcessHandle p) {
        String command = p.info().command().orElse("");
        if (command.endsWith("/postgres") || command.equals("postgres")) {
            return true;
        }
        try {
            String comm = Files.readString(Path.of("/proc", Long.toString(p.pid()), "comm")).trim();
            return comm.startsWith("postgres");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** SIGTERM to all, wait up to {@code grace} for them to end, then SIGKILL whatever is left. Returns the ones that needed SIGKILL. */
    static List<ProcessHandle> terminate(Collection<ProcessHandle> processes, Duration grace) {
        var alive = new ArrayList<ProcessHandle>();
        for (ProcessHandle p : processes) {
            if (p.isAlive() && p.pid() != ProcessHandle.current().pid()) {
                p.destroy();
                alive.add(p);
            }
        }
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle p : alive) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                try {
                    p.onExit().get(left, TimeUnit.NANOSECONDS);
                } catch (Exception ignored) {
                    // still alive: killed below
                }
            }
        }
        return killRemaining(alive);
    }

    /** SIGKILL every process still alive and wait briefly for each; returns the ones that had to be killed. */
    static List<ProcessHandle> killRemaining(Collection<ProcessHandle> processes) {
        var killed = new ArrayList<ProcessHandle>();
        for (ProcessHandle p : processes) {
            if (p.isAlive() && p.pid() != ProcessHandle.current().pid()) {
                p.destroyForcibly();
                killed.add(p);
            }
        }
        for (ProcessHandle p : killed) {
            try {
                p.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // nothing more we can do
            }
        }
        return killed;
    }
}
