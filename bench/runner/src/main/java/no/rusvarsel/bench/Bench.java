package no.rusvarsel.bench;

import no.rusvarsel.contracts.signal.ObservedAt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The benchmark of the issue "Benchmarks and load generator": starts a fresh dev stack (the real devstack jar and the
 * service jars of the given tree) on free ports, measures each figure with its baseline in the same run, stops the
 * stack, and writes {@code report.json} and {@code report.md}.
 *
 * <pre>java -jar bench/runner/target/runner-0.1.0-SNAPSHOT.jar [--quick] [--root DIR] [--out DIR] [--reps N]</pre>
 */
public final class Bench {

    static {
        // before any logger exists: the runner's logging, not a service's logback.xml on the class path
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "bench-logback.xml");
        }
    }

    /**
     * One seed for every phase: a wastewater site's loads and which substances it quantifies depend on the seed, so
     * phases with different seeds would look like rises to the analytics (false alerts made by the benchmark itself).
     */
    static final long SEED = no.rusvarsel.bench.loadgen.Scenario.DEFAULT_SEED;

    /**
     * How much of everything: {@link #quickPlan()} (≤ 2 minutes, for the test suite) or {@link #fullPlan()} (≤ 10 minutes
     * on a quiet machine).
     *
     * @param probes           latency probes per background rate (plus one uncounted warm-up probe each)
     * @param latencyRates     background signals/s of the latency phases, one pair of figures (SSE, webhook) each
     * @param singlePostTime   each single-record POST run (intake, bare endpoint) of a repetition
     * @param topologyMaxRecords the replayed backlog of the topology figure is the signals topic up to this offset sum
     * @param topologyWarmupRecords an uncounted first run of each topology over this much of the backlog (JIT)
     * @param replayDays       days × every county replayed through the stack, {@code replayScale} signals a day
     * @param replayWait       longest wait for the analytics to consume the replay after the last 202
     */
    record Plan(boolean quick, int reps, int coldStarts, int ingestRecords, int ingestWarmup, int baselineRecords,
                int detectionDays, int detectionScale, int probes, List<Double> latencyRates, Duration detectionWait,
                Duration singlePostTime, Duration singlePostWarmup, int topologyMaxRecords, int topologyWarmupRecords,
                int replayDays, int replayScale, Duration replayWait) {

        static Plan quickPlan() {
            return new Plan(true, 1, 1, 4_000, 1_000, 10_000, 21, 300, 3, List.of(200.0, 1000.0), Duration.ofSeconds(25),
                    Duration.ofSeconds(3), Duration.ofSeconds(1), 10_000, 0, 10, 500, Duration.ofSeconds(60));
        }

        static Plan fullPlan() {
            return new Plan(false, 3, 3, 20_000, 5_000, 60_000, 28, 1_000, 25, List.of(200.0, 1000.0), Duration.ofSeconds(90),
                    Duration.ofSeconds(5), Duration.ofSeconds(10), 60_000, 30_000, 90, 5_700, Duration.ofSeconds(420));
        }

        Plan withReps(int n) {
            return new Plan(quick, n, Math.max(1, n), ingestRecords, ingestWarmup, baselineRecords, detectionDays, detectionScale,
                    probes, latencyRates, detectionWait, singlePostTime, singlePostWarmup, topologyMaxRecords, topologyWarmupRecords,
                    replayDays, replayScale, replayWait);
        }
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        Path root = null;
        Path out = null;
        Integer reps = null;
        boolean jfr = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--root" -> root = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--reps" -> reps = Integer.parseInt(args[++i]);
                case "--jfr" -> jfr = true;
                case "--help", "-h" -> {
                    System.out.println("""
                            Usage: java -jar bench/runner/target/runner-0.1.0-SNAPSHOT.jar [--quick] [--root DIR] [--out DIR] [--reps N] [--jfr]
                              --quick     1 repetition, small volumes, about 2 minutes (what the test suite runs)
                              --root DIR  the built repository (default: found from this jar, else the working directory)
                              --out DIR   where report.json and report.md go (default ROOT/bench)
                              --reps N    repetitions of the repeated figures (default 3, quick 1)
                              --jfr       profile the stack's JVMs during each phase (JFR, settings=profile): recordings in
                                          OUT/jfr/, a summary (hottest methods, threads, CPU) in each figure's details""");
                    return;
                }
                default -> {
                    System.err.println("bench: unknown option " + args[i] + " (see --help)");
                    System.exit(2);
                }
            }
        }
        root = (root == null ? detectRoot() : root).toAbsolutePath().normalize();
        out = out == null ? root.resolve("bench") : out.toAbsolutePath().normalize();
        var plan = quick ? Plan.quickPlan() : Plan.fullPlan();
        if (reps != null) {
            plan = plan.withReps(reps);
        }
        int code = new Bench(root, out, plan, jfr).run();
        System.exit(code);
    }

    private final Path root;
    private final Path out;
    private final Plan plan;
    private final List<Figure> figures = new ArrayList<>();
    private final List<Double> coldStarts = new ArrayList<>();
    private final List<Double> rssMib = new ArrayList<>();
    private final Map<String, Object> startups = new LinkedHashMap<>();

    private final boolean jfr;
    private Profiler profiler;

    Bench(Path root, Path out, Plan plan) {
        this(root, out, plan, false);
    }

    Bench(Path root, Path out, Plan plan, boolean jfr) {
        this.root = root;
        this.out = out;
        this.plan = plan;
        this.jfr = jfr;
    }

    /** Runs everything; 0 if the report was written (whatever the figures), 1 if the stack could not be started. */
    int run() throws IOException {
        Instant began = Instant.now();
        log("root " + root + ", " + (plan.quick() ? "quick" : "full") + " run, " + plan.reps() + " repetition(s)");
        var coldStart = new Figure("devstack cold start to all /health UP", "s", "≤ 30 s");
        var memory = new Figure("devstack total RSS when healthy", "MiB", "≤ 2048 MiB (2 GiB)");
        coldStart.baselineReason = "absolute goal; no baseline (the devstack's own startup.json, measured from its JVM start)";
        memory.baselineReason = "absolute goal; no baseline (sum of VmRSS of infra, PostgreSQL and services, from startup.json)";
        figures.add(coldStart);
        figures.add(memory);
        Stack stack;
        LocalDate today = LocalDate.now(ObservedAt.ZONE);
        try {
            // the full run measures with the JVMs compiling as in production (C2); its cold start and RSS figures come
            // from the default stack (C1 only, quicker to start) started afterwards
            stack = startStack(!plan.quick());
        } catch (Exception e) {
            coldStart.error = memory.error = "the stack did not start: " + e.getMessage();
            figures.add(notMeasured(new Figure("ingest records/s, 500-record JSON batches, 8 clients", "records/s", "≥ 0.3× baseline"),
                    "the stack did not start"));
            finish(coldStart, memory);
            write(began);
            return 1;
        }
        var hook = new Thread(stack::close, "bench-stop-stack");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            var keys = no.rusvarsel.bench.loadgen.ProviderKeys.read(stack.credentialsFile());
            var kafka = new KafkaBaselines(stack.kafka());
            if (jfr) {
                profiler = new Profiler(out.resolve("jfr"), stack.pids());
            }
            // event time moves forward from phase to phase (detection, throughput, replay, then latency; each on days of
            // its own, later than the phase before), and the detection scenario is the first data on the fresh stack, as
            // the generator's own quality test has it: history left by another phase with a gap in time would make rises
            // the generator did not inject
            figures.add(measure("detection quality on injected events",
                    () -> new DetectionFigure(stack, keys, plan, today.minusDays(400)).run()));
            figures.add(measure("ingest records/s, 500-record JSON batches, 8 clients",
                    () -> new IngestFigure(stack, keys, kafka, plan, today.minusDays(360)).run()));
            figures.add(measure(SinglePostFigure.NAME, () -> new SinglePostFigure(stack, keys, plan, today.minusDays(320)).run()));
            // the backlog all of the above left in the signals topic, replayed by the production topology in this JVM
            figures.add(measure(TopologyFigure.NAME, () -> new TopologyFigure(kafka, plan).run()));
            figures.addAll(measureAll(List.of(ReplayFigure.RATE_NAME, ReplayFigure.DROPPED_NAME),
                    () -> new ReplayFigure(stack, keys, kafka, plan, today.minusDays(300)).run()));
            try (var webhook = new WebhookReceiver()) {
                webhook.subscribe(stack);
                var rates = plan.latencyRates();
                for (int i = 0; i < rates.size(); i++) {
                    double rate = rates.get(i);
                    var backgroundStart = today.minusDays(12L * (rates.size() - i) + 1);
                    figures.addAll(measureAll(List.of(LatencyFigure.sseName(rate), LatencyFigure.webhookName(rate)),
                            () -> new LatencyFigure(stack, keys, kafka, plan, webhook, rate, backgroundStart).run()));
                }
            } catch (IOException | RuntimeException e) {
                e.printStackTrace();
                figures.add(notMeasured(new Figure("end-to-end latency", "ms", "p99 ≤ 1000 ms"), "no webhook receiver: " + e));
            }
        } finally {
            stack.close();
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        for (int i = plan.quick() ? 1 : 0; i < plan.coldStarts(); i++) {
            try (var again = startStack(false)) {
                log("cold start " + (i + 1) + " measured");
            } catch (Exception e) {
                coldStart.details.put("failedStart" + (i + 1), e.getMessage());
            }
        }
        finish(coldStart, memory);
        write(began);
        return 0;
    }

    private Stack startStack(boolean fullJit) throws IOException, InterruptedException {
        log("starting a fresh dev stack" + (fullJit ? " with --full-jit (C2, as in production) to measure with" : ""));
        var stack = Stack.start(root, Duration.ofSeconds(180), fullJit);
        if (fullJit) {
            startups.put("measuringStackWithFullJit", stack.startup());
            log(String.format(java.util.Locale.ROOT, "healthy after %.1f s, total RSS %.0f MiB (--full-jit: not a cold-start figure)",
                    stack.secondsToHealthy(), stack.totalRssKb() / 1024.0));
            return stack;
        }
        coldStarts.add(stack.secondsToHealthy());
        rssMib.add(stack.totalRssKb() / 1024.0);
        startups.put("start" + coldStarts.size(), stack.startup());
        log(String.format(java.util.Locale.ROOT, "healthy after %.1f s, total RSS %.0f MiB", stack.secondsToHealthy(), stack.totalRssKb() / 1024.0));
        return stack;
    }

    private void finish(Figure coldStart, Figure memory) {
        if (!coldStarts.isEmpty()) {
            coldStart.value = new Figure.Stats(coldStarts);
            coldStart.pass = coldStart.value.median() <= 30;
            coldStart.verdict = verdict(coldStart.pass, coldStart.value.median(), 30, "s");
            memory.value = new Figure.Stats(rssMib);
            memory.pass = memory.value.median() <= 2048;
            memory.verdict = verdict(memory.pass, memory.value.median(), 2048, "MiB");
            coldStart.details.put("startupReports", startups);
        }
    }

    static String verdict(boolean pass, double value, double goal, String unit) {
        return (pass ? "met" : "missed") + String.format(java.util.Locale.ROOT, " (%s %s against %s %s, %+.0f %%)",
                Json.number(value), unit, Json.number(goal), unit, (value - goal) / goal * 100);
    }

    private Figure measure(String name, Supplier<Figure> figure) {
        return measureAll(List.of(name), () -> List.of(figure.get())).get(0);
    }

    /**
     * A phase that gives one or more figures, timed (and profiled with {@code --jfr}); if it fails, each of its figures is
     * reported as not measured, with the reason.
     */
    private List<Figure> measureAll(List<String> names, Supplier<List<Figure>> phase) {
        log("measuring: " + String.join("; ", names));
        long t0 = System.nanoTime();
        if (profiler != null) {
            profiler.start(names.get(0));
        }
        List<Figure> list;
        try {
            list = phase.get();
        } catch (RuntimeException e) {
            e.printStackTrace();
            list = names.stream().map(name -> {
                var f = new Figure(name, "-", "-");
                f.error = e.toString();
                f.baselineReason = "not measured: " + e.getMessage();
                return f;
            }).toList();
        }
        if (profiler != null) {
            list.get(0).details.put("profile", profiler.stop(names.get(0)));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        list.get(0).details.put("phaseSeconds", seconds);
        log(String.format(java.util.Locale.ROOT, "  (phase took %.0f s)", seconds));
        for (var f : list) {
            log("  " + f.name + ": " + (f.value == null ? "no value" : Json.number(f.headline()) + " " + f.unit + " (" + f.statistic + ")")
                    + (f.ratio() == null ? "" : ", ratio " + Json.number(f.ratio())) + (f.verdict == null ? "" : ", " + f.verdict));
        }
        return list;
    }

    private static Figure notMeasured(Figure f, String why) {
        f.baselineReason = "not measured: " + why;
        f.error = why;
        return f;
    }

    private void write(Instant began) throws IOException {
        Files.createDirectories(out);
        var report = new Report(Machine.describe(root), plan, figures, jfr ? List.of() : Report.NOT_MEASURED, began, Instant.now());
        Files.writeString(out.resolve("report.json"), Json.write(report.json()));
        Files.writeString(out.resolve("report.md"), report.markdown());
        log("wrote " + out.resolve("report.json") + " and " + out.resolve("report.md") + " in "
                + Duration.between(began, Instant.now()).toSeconds() + " s");
    }

    static void log(String message) {
        System.out.println("[bench] " + message);
        System.out.flush();
    }

    /** {@code <root>/bench/runner/target/runner.jar} → root; else the working directory. */
    private static Path detectRoot() {
        try {
            var location = Path.of(Bench.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
            var candidate = location.getParent().getParent().getParent().getParent();
            if (Files.isRegularFile(candidate.resolve("pom.xml")) && Files.isDirectory(candidate.resolve("devstack"))) {
                return candidate;
            }
        } catch (Exception ignored) {
            // the working directory then
        }
        return Path.of("").toAbsolutePath();
    }
}
