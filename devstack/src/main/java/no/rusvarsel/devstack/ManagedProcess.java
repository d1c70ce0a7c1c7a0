package no.rusvarsel.devstack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One child process of the stack (the infra JVM or a service), its output appended to its log file. If it exits while
 * the stack runs it can be restarted after a pause; a process that keeps dying is given up on.
 */
final class ManagedProcess {

    /** What the stack wants to hear about. */
    interface Listener {
        /** The process exited on its own (not stopped by the devstack); {@code restarting} says whether it comes back. */
        void exited(ManagedProcess process, int exitCode, boolean restarting);

        /** The process was started again after an exit. */
        void restarted(ManagedProcess process);
    }

    static final Duration RESTART_DELAY = Duration.ofSeconds(2);
    private static final int MAX_RESTARTS = 5;
    private static final Duration RESTART_WINDOW = Duration.ofMinutes(2);
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path workDir;
    private final Path logFile;
    private final boolean restart;
    private final ScheduledExecutorService scheduler;
    private final Listener listener;
    private final Deque<Instant> restarts = new ArrayDeque<>();
    /** Everything seen below this process, so that nothing survives it (refreshed at each look). */
    private final Set<ProcessHandle> seenDescendants = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private volatile Process process;
    private volatile boolean stopping;

    ManagedProcess(String name, List<String> command, Map<String, String> environment, Path workDir, Path logFile,
                   boolean restart, ScheduledExecutorService scheduler, Listener listener) {
        this.name = name;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.workDir = workDir;
        this.logFile = logFile;
        this.restart = restart;
        this.scheduler = scheduler;
        this.listener = listener;
    }

    String name() {
        return name;
    }

    Path logFile() {
        return logFile;
    }

    Optional<Process> process() {
        return Optional.ofNullable(process);
    }

    long pid() {
        Process p = process;
        return p == null ? -1 : p.pid();
    }

    boolean isAlive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    synchronized void start() {
        if (stopping) {
            return;
        }
        try {
            Files.createDirectories(logFile.getParent());
            Files.writeString(logFile, "\n===== devstack " + Instant.now() + ": starting " + name + ": "
                            + String.join(" ", command) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            var fullCommand = new java.util.ArrayList<String>();
            // own session: Ctrl-C in the terminal reaches only the devstack, which then stops the children in order
            if (Files.isExecutable(SETSID)) {
                fullCommand.add(SETSID.toString());
            }
            fullCommand.addAll(command);
            var builder = new ProcessBuilder(fullCommand)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(environment);
            Process started = builder.start();
            process = started;
            started.onExit().thenAccept(this::onExit);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    private void onExit(Process exited) {
        if (stopping || exited != process) {
            return;
        }
        // whatever it left behind goes with it
        ProcessTree.killRemaining(seenDescendants.stream().filter(ProcessHandle::isAlive).toList());
        seenDescendants.clear();
        int code = exited.exitValue();
        boolean again = restart && allowRestart();
        listener.exited(this, code, again);
        if (again) {
            scheduler.schedule(() -> {
                if (!stopping) {
                    try {
                        start();
                        listener.restarted(this);
                    } catch (RuntimeException e) {
                        System.out.println("[devstack] " + e.getMessage());
                    }
                }
            }, RESTART_DELAY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private synchronized boolean allowRestart() {
        Instant now = Instant.now();
        while (!restarts.isEmpty() && restarts.peekFirst().isBefore(now.minus(RESTART_WINDOW))) {
            restarts.pollFirst();
        }
        if (restarts.size() >= MAX_RESTARTS) {
            return false;
        }
        restarts.addLast(now);
        return true;
    }

    /** The process, its descendants now, and any seen before. */
    Set<ProcessHandle> tree() {
        var all = new LinkedHashSet<ProcessHandle>();
        Process p = process;
        if (p != null && p.isAlive()) {
            all.addAll(ProcessTree.withDescendants(p.toHandle()));
            all.stream().filter(h -> h.pid() != p.pid()).forEach(seenDescendants::add);
        }
        seenDescendants.stream().filter(ProcessHandle::isAlive).forEach(all::add);
        return all;
    }

    /** From now on an exit is expected: no restart, no report. */
    void markStopping() {
        stopping = true;
    }

    /** SIGTERM (after capturing its descendants), wait up to {@code grace}, then SIGKILL it and every descendant left. */
    List<ProcessHandle> stop(Duration grace) {
        markStopping();
        Set<ProcessHandle> all = tree();
        Process p = process;
        if (p != null && p.isAlive()) {
            p.destroy();
            try {
                if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    System.out.println("[devstack] " + name + " did not stop within " + grace.toSeconds() + " s; killing it");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return ProcessTree.killRemaining(all);
    }

    @Override
    public String toString() {
        return name + " (pid " + pid() + ")";
    }
}
