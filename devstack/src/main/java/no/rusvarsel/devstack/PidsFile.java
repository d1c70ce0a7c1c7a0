package no.rusvarsel.devstack;

import io.micronaut.core.type.Argument;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

import static no.rusvarsel.devstack.Console.display;
import static no.rusvarsel.devstack.Console.log;

/** {@code .devstack/pids.json}: the pids of the running stack, and a warning when a previous devstack left processes running. */
final class PidsFile {

    private final Layout layout;

    PidsFile(Layout layout) {
        this.layout = layout;
    }

    /** A previous devstack's pids.json: says so if that devstack still runs, or if it was killed and left children behind. */
    void warnAboutLeftovers() {
        Path file = layout.pidsFile();
        if (!Files.isRegularFile(file)) {
            return;
        }
        Map<String, Long> previous;
        try {
            previous = Json.mapper().readValue(Files.readString(file), Argument.mapOf(String.class, Long.class));
        } catch (IOException | RuntimeException e) {
            return;
        }
        Long devstackPid = previous.get("devstack");
        if (devstackPid != null && devstackPid != ProcessHandle.current().pid()
                && ProcessHandle.of(devstackPid).map(ProcessHandle::isAlive).orElse(false)) {
            log("note: another devstack (pid " + devstackPid + ") seems to be running; its files in "
                    + display(layout.stateDir()) + " will be overwritten by this one");
            return;
        }
        var alive = new ArrayList<String>();
        previous.forEach((name, pid) -> {
            if (!name.equals("devstack") && pid != null) {
                ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                        .filter(h -> h.info().commandLine().orElse("").matches(".*(rusvarsel|InfraMain|-service-|postgres).*")
                                || ProcessTree.isPostgres(h))
                        .ifPresent(h -> alive.add(name + " " + pid));
            }
        });
        if (!alive.isEmpty()) {
            log("warning: a previous devstack was killed without stopping its processes; still running: " + String.join(", ", alive)
                    + ". Stop them (kill <pid>) to free their ports and data folder.");
        }
    }

    /** This devstack, the infra JVM, the postmaster of {@code pgData} and every service, each if alive. */
    void write(ManagedProcess infra, Path pgData, Map<String, ManagedProcess> services) {
        var pids = new LinkedHashMap<String, Long>();
        pids.put("devstack", ProcessHandle.current().pid());
        if (infra != null && infra.isAlive()) {
            pids.put("infra", infra.pid());
        }
        ProcessTree.postmaster(pgData).ifPresent(pm -> pids.put("postgres", pm.pid()));
        services.forEach((name, process) -> {
            if (process.isAlive()) {
                pids.put(name, process.pid());
            }
        });
        try {
            Json.writeFile(layout.pidsFile(), pids);
        } catch (UncheckedIOException e) {
            log("cannot write " + layout.pidsFile() + ": " + e.getMessage());
        }
    }

    /** Best effort, once everything is stopped. */
    void delete() {
        try {
            Files.deleteIfExists(layout.pidsFile());
        } catch (IOException ignored) {
            // best effort
        }
    }
}
