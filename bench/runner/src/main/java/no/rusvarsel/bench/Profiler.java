package no.rusvarsel.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * With {@code --jfr}: a Java Flight Recorder recording ({@code settings=profile}) of each JVM of the stack (the three
 * services and the infra JVM with the Kafka broker) and of the runner (the topology figure runs in it) for the duration
 * of each phase, started and stopped with
 * {@code jcmd}; the files stay in {@code OUT/jfr/}, and each phase's figures get a summary: per process the CPU the JVM
 * and the machine used, the busiest threads, the hottest methods (top frame of the execution samples), the methods most
 * often on the stack, and the first Rusvarsel method under each sample (where the service's own code spends it).
 */
final class Profiler {

    private static final int TOP = 15;
    private static final List<String> PROCESSES = List.of("ingest-service", "analytics-service", "alert-service", "infra");

    private final Path dir;
    private final Map<String, Long> pids = new LinkedHashMap<>();
    private final String jcmd;

    Profiler(Path dir, Map<String, Long> stackPids) throws IOException {
        this.dir = Files.createDirectories(dir);
        PROCESSES.forEach(name -> {
            if (stackPids.containsKey(name)) {
                pids.put(name, stackPids.get(name));
            }
        });
        // the runner itself: the topology figure runs the production topology in this JVM
        pids.put("runner", ProcessHandle.current().pid());
        var home = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        jcmd = Files.isExecutable(home) ? home.toString() : "jcmd";
    }

    void start(String phase) {
        pids.forEach((name, pid) -> jcmd(pid, "JFR.start", "name=" + slug(phase), "settings=profile"));
    }

    /** Stops the phase's recordings and summarises them, by process. */
    Map<String, Object> stop(String phase) {
        var summaries = new LinkedHashMap<String, Object>();
        pids.forEach((name, pid) -> {
            var file = dir.resolve(slug(phase) + "-" + name + ".jfr");
            var out = jcmd(pid, "JFR.stop", "name=" + slug(phase), "filename=" + file);
            if (Files.isRegularFile(file)) {
                summaries.put(name, summarise(file));
            } else {
                summaries.put(name, Map.of("error", "no recording: " + out));
            }
        });
        return summaries;
    }

    static Map<String, Object> summarise(Path file) {
        var self = new HashMap<String, Integer>();
        var onStack = new HashMap<String, Integer>();
        var own = new HashMap<String, Integer>();
        var threads = new HashMap<String, Integer>();
        double jvm = 0;
        double machine = 0;
        int cpuEvents = 0;
        int samples = 0;
        try (var recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent e = recording.readEvent();
                switch (e.getEventType().getName()) {
                    case "jdk.ExecutionSample" -> {
                        samples++;
                        var thread = e.getThread("sampledThread");
                        threads.merge(thread == null ? "?" : String.valueOf(thread.getJavaName()).replaceAll("-[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}", ""), 1, Integer::sum);
                        var stack = e.getStackTrace();
                        if (stack == null || stack.getFrames().isEmpty()) {
                            continue;
                        }
                        var frames = stack.getFrames();
                        self.merge(name(frames.get(0)), 1, Integer::sum);
                        var seen = new HashSet<String>();
                        boolean ownFound = false;
                        for (RecordedFrame f : frames) {
                            var n = name(f);
                            if (seen.add(n)) {
                                onStack.merge(n, 1, Integer::sum);
                            }
                            if (!ownFound && n.startsWith("no.rusvarsel.")) {
                                own.merge(n, 1, Integer::sum);
                                ownFound = true;
                            }
                        }
                    }
                    case "jdk.CPULoad" -> {
                        jvm += e.getFloat("jvmUser") + e.getFloat("jvmSystem");
                        machine += e.getFloat("machineTotal");
                        cpuEvents++;
                    }
                    default -> {
                        // other events stay in the file
                    }
                }
            }
        } catch (IOException e) {
            return Map.of("file", file.toString(), "error", e.toString());
        }
        var m = new LinkedHashMap<String, Object>();
        m.put("file", file.toString());
        m.put("executionSamples", samples);
        if (cpuEvents > 0) {
            m.put("jvmCpuShareOfMachine", jvm / cpuEvents);
            m.put("machineCpuBusy", machine / cpuEvents);
        }
        m.put("threads", top(threads, samples, 6));
        m.put("hottestMethods", top(self, samples, TOP));
        m.put("mostOnStack", top(onStack, samples, TOP));
        m.put("firstRusvarselFrame", top(own, samples, TOP));
        return m;
    }

    private static List<String> top(Map<String, Integer> counts, int total, int n) {
        var out = new ArrayList<String>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())).limit(n)
                .forEach(e -> out.add(String.format(java.util.Locale.ROOT, "%5.1f%% %s", 100.0 * e.getValue() / Math.max(1, total), e.getKey())));
        return out;
    }

    private static String name(RecordedFrame f) {
        var method = f.getMethod();
        return method == null ? "?" : method.getType().getName() + "." + method.getName();
    }

    private static String slug(String phase) {
        var s = phase.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return s.length() > 60 ? s.substring(0, 60) : s;
    }

    private String jcmd(long pid, String... command) {
        var args = new ArrayList<String>();
        args.add(jcmd);
        args.add(Long.toString(pid));
        args.addAll(List.of(command));
        try {
            var process = new ProcessBuilder(args).redirectErrorStream(true).start();
            var output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            return output.strip();
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
