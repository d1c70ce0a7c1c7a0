package no.rusvarsel.devstack;

import no.rusvarsel.contracts.signal.ObservedAt;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;

import static no.rusvarsel.devstack.Console.display;
import static no.rusvarsel.devstack.Console.err;
import static no.rusvarsel.devstack.Console.log;
import static no.rusvarsel.devstack.Console.seconds;
import static no.rusvarsel.devstack.Console.tail;

/**
 * The whole system on one machine with one command: the embedded Kafka broker and PostgreSQL (one infra process),
 * then ingest-service, analytics-service and alert-service as separate processes, dev credentials, a summary, and
 * supervision until Ctrl-C or SIGTERM, when {@link StackShutdown} stops everything in order and leaves nothing running.
 */
public final class DevStack {

    static final String INFRA_MODULE = "embedded-infra";

    private final DevStackOptions options;
    private final Layout layout;
    private final Instant startedAt;
    private final PrintStream out = System.out;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        var t = new Thread(r, "devstack-supervisor");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, ManagedProcess> services = new LinkedHashMap<>();
    private final Map<String, Integer> exits = new ConcurrentHashMap<>();
    private final PidsFile pids;
    private final StackShutdown shutdown;
    private final StackHealth health;
    private volatile ManagedProcess infra;
    private volatile Ports ports;

    DevStack(DevStackOptions options, Layout layout, Instant startedAt) {
        this.options = options;
        this.layout = layout;
        this.startedAt = startedAt;
        this.pids = new PidsFile(layout);
        this.shutdown = new StackShutdown(services, () -> infra, pgData(), pids, scheduler);
        this.health = new StackHealth(http, startedAt, shutdown::stopping);
    }

    public static void main(String[] args) {
        Instant jvmStart = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        Layout layout = Layout.detect();
        String caller = System.getenv("DEVSTACK_CALLER_DIR");
        Path callerDir = caller == null || caller.isBlank() ? Path.of("").toAbsolutePath() : Path.of(caller);
        DevStackOptions options;
        try {
            options = DevStackOptions.parse(List.of(args), System.getenv(), layout.defaultDataDir(), callerDir);
        } catch (DevStackOptions.OptionsException e) {
            System.err.println("devstack: " + e.getMessage());
            System.err.println("Run ./devstack/run.sh --help for the options.");
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(DevStackOptions.USAGE);
            return;
        }
        int code;
        try {
            code = new DevStack(options, layout, jvmStart).run();
        } catch (RuntimeException e) {
            System.err.println("[devstack] failed: " + e.getMessage());
            code = 1;
        }
        if (code != 0) {
            System.exit(code); // the shutdown hook stops whatever was started
        }
    }

    /** Starts the stack and blocks until it is stopped; returns the exit code for a failed start. */
    int run() {
        // --- what must exist
        Optional<Path> infraJar = layout.moduleJar(INFRA_MODULE);
        var missing = new ArrayList<String>();
        if (infraJar.isEmpty()) {
            missing.add(INFRA_MODULE);
        }
        var jars = new LinkedHashMap<String, Path>();
        for (ServiceDef service : ServiceDef.ALL) {
            layout.moduleJar(service.module()).ifPresentOrElse(jar -> jars.put(service.module(), jar), () -> missing.add(service.module()));
        }
        if (!missing.isEmpty()) {
            err("not built yet: " + String.join(", ", missing) + " (no <module>/target/<module>-" + Layout.VERSION
                    + ".jar). Run ./devstack/run.sh, which builds what is missing, or mvn -B -DskipTests install.");
            return 1;
        }

        pids.warnAboutLeftovers();
        Path dataDir = options.dataDir();
        try {
            if (options.fresh()) {
                deleteDataDir(dataDir);
            }
            Files.createDirectories(dataDir);
            Files.createDirectories(layout.logsDir());
        } catch (IOException e) {
            err("cannot prepare " + dataDir + ": " + e.getMessage());
            return 1;
        } catch (IllegalStateException e) {
            err(e.getMessage());
            return 1;
        }
        Optional<ProcessHandle> runningPostgres = ProcessTree.postmaster(pgData());
        if (runningPostgres.isPresent()) {
            err("PostgreSQL (pid " + runningPostgres.get().pid() + ") already runs on " + pgData()
                    + ": is another dev stack using this data folder? Stop it first, or use --data-dir.");
            return 1;
        }

        // --- credentials
        DevSecrets secrets = DevSecrets.loadOrCreate(dataDir, new SecureRandom());
        Path seedFile = SeedProviders.of(secrets).writeTo(dataDir);

        // --- ports
        ports = Ports.choose(options);
        reportPortChoice("Kafka", options.kafkaPort(), ports.kafka());
        reportPortChoice("PostgreSQL", options.postgresPort(), ports.postgres());
        reportPortChoice("ingest-service", options.ingestPort(), ports.ingest());
        reportPortChoice("analytics-service", options.analyticsPort(), ports.analytics());
        reportPortChoice("alert-service", options.alertsPort(), ports.alerts());

        Runtime.getRuntime().addShutdownHook(new Thread(shutdown::stop, "devstack-stop"));

        // --- infra
        log("starting Kafka and PostgreSQL (data in " + display(dataDir) + ", log " + display(layout.logFile("infra")) + ")");
        Path infraJson = dataDir.resolve("infra.json");
        try {
            Files.deleteIfExists(infraJson);
        } catch (IOException e) {
            err("cannot delete stale " + infraJson + ": " + e.getMessage());
            return 1;
        }
        infra = new ManagedProcess("infra", StackCommands.infra(infraJar.get(), dataDir, ports, options.fullJit()), Map.of(), layout.root(),
                layout.logFile("infra"), false, scheduler, infraListener());
        if (!shutdown.startUnlessStopping(infra::start)) {
            return 1;
        }
        InfraInfo info = health.waitForInfra(infra, infraJson);
        if (info == null) {
            return 1;
        }
        Duration infraReady = Duration.between(startedAt, Instant.now());
        log(String.format("infra ready after %.1f s: Kafka %s, PostgreSQL 127.0.0.1:%d", seconds(infraReady), info.kafka(), info.postgresPort()));

        // --- services, all at once
        String jwtSecret = secrets.jwtSecret();
        var toStart = new LinkedHashMap<String, ManagedProcess>();
        for (ServiceDef service : ServiceDef.ALL) {
            var env = StackCommands.serviceEnvironment(service, ports, info, jwtSecret, seedFile, dataDir);
            toStart.put(service.module(), new ManagedProcess(service.module(), StackCommands.service(jars.get(service.module()), options.fullJit()), env,
                    layout.root(), layout.logFile(service.module()), options.restart(), scheduler, serviceListener(service)));
        }
        log("starting " + String.join(", ", toStart.keySet()) + " (logs in " + display(layout.logsDir()) + ")");
        boolean started = shutdown.startUnlessStopping(() -> {
            services.putAll(toStart);
            services.values().forEach(ManagedProcess::start);
        });
        if (!started) {
            return 1;
        }
        writePids();

        if (!health.waitHealthy(services, ports, exits)) {
            return 1;
        }
        Duration toHealthy = Duration.between(startedAt, Instant.now());

        // --- report
        StackMemory memory = StackMemory.measure(infra, pgData(), services);
        long devstackRss = ProcessTree.rssKb(ProcessHandle.current().pid());
        Json.writeFile(layout.startupFile(), new StartupReport(startedAt.toString(), round1(seconds(infraReady)),
                round1(seconds(toHealthy)), memory.totalRssKb(), memory.rssKb(), memory.totalPssKb(), devstackRss));
        var credentials = Credentials.of(ports, info.kafka(), secrets, DevTokens.forAllRoles(jwtSecret, Instant.now()));
        Json.writePrivateFile(layout.credentialsFile(), credentials);
        writePids();
        printSummary(credentials, info, infraReady, toHealthy, memory);

        if (options.demo()) {
            new DemoRunner(http, credentials.urls().ingest(), DemoRunner.keysOf(secrets), out).run(DemoScenario.forToday());
        }
        out.println();
        log("running; Ctrl-C stops everything");
        out.flush();
        try {
            shutdown.awaitStopped();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    // ------------------------------------------------------------------ supervision

    private ManagedProcess.Listener infraListener() {
        return new ManagedProcess.Listener() {
            @Override
            public void exited(ManagedProcess process, int exitCode, boolean restarting) {
                if (shutdown.stopping()) {
                    return;
                }
                err("the infra process (Kafka + PostgreSQL) exited unexpectedly (code " + exitCode + "); stopping the stack. Last lines of "
                        + display(process.logFile()) + ":\n" + tail(process.logFile(), 20));
                new Thread(() -> System.exit(1), "devstack-exit").start();
            }

            @Override
            public void restarted(ManagedProcess process) {
            }
        };
    }

    private ManagedProcess.Listener serviceListener(ServiceDef def) {
        return new ManagedProcess.Listener() {
            @Override
            public void exited(ManagedProcess process, int exitCode, boolean restarting) {
                if (shutdown.stopping()) {
                    return;
                }
                exits.merge(process.name(), 1, Integer::sum);
                String why = exitCode == 137 ? " (killed: SIGKILL)" : exitCode == 143 ? " (SIGTERM)" : "";
                if (restarting) {
                    log(process.name() + " exited with code " + exitCode + why + "; restarting it in "
                            + ManagedProcess.RESTART_DELAY.toSeconds() + " s (log: " + display(process.logFile()) + ")");
                } else {
                    log(process.name() + " exited with code " + exitCode + why + "; not restarting it ("
                            + (options.restart() ? "it exited too often" : "--no-restart") + "); see " + display(process.logFile()));
                    writePids();
                }
            }

            @Override
            public void restarted(ManagedProcess process) {
                writePids();
                log(process.name() + " restarted (pid " + process.pid() + ")");
                health.reportHealthyAgain(process, def.port(ports));
            }
        };
    }

    private void writePids() {
        pids.write(infra, pgData(), services);
    }

    private Path pgData() {
        return options.dataDir().resolve("postgres");
    }

    // ------------------------------------------------------------------ reporting

    private void printSummary(Credentials credentials, InfraInfo info, Duration infraReady, Duration toHealthy, StackMemory memory) {
        var processIds = new LinkedHashMap<String, Long>();
        services.forEach((name, process) -> processIds.put(name, process.pid()));
        processIds.put("infra", infra.pid());
        out.print(new StackSummary(credentials, info, processIds, options.dataDir(), layout, infraReady, toHealthy, memory,
                ProcessTree.rssKb(ProcessHandle.current().pid()), options.restart(), LocalDate.now(ObservedAt.ZONE)).render());
        out.flush();
    }

    private void reportPortChoice(String what, int preferred, int chosen) {
        if (preferred != 0 && preferred != chosen) {
            log(what + ": port " + preferred + " is busy, using " + chosen);
        }
    }

    // ------------------------------------------------------------------ --fresh

    /** Deletes the data folder for --fresh, refusing anything that does not look like one. */
    void deleteDataDir(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath().normalize();
        Path home = Path.of(System.getProperty("user.home")).toAbsolutePath().normalize();
        if (abs.getNameCount() < 2 || abs.equals(home) || layout.root().startsWith(abs)) {
            throw new IllegalStateException("--fresh: refusing to delete " + abs);
        }
        if (!Files.exists(abs)) {
            return;
        }
        try (Stream<Path> children = Files.list(abs)) {
            var names = children.map(p -> p.getFileName().toString()).toList();
            boolean looksLikeData = names.isEmpty() || names.stream().anyMatch(n -> List.of(DevSecrets.FILE_NAME, "infra.json", "kafka",
                    "postgres", SeedProviders.FILE_NAME).contains(n));
            if (!looksLikeData) {
                throw new IllegalStateException("--fresh: " + abs + " does not look like a devstack data folder; not deleting it");
            }
        }
        var running = ProcessTree.postmaster(abs.resolve("postgres"));
        if (running.isPresent()) {
            throw new IllegalStateException("--fresh: PostgreSQL (pid " + running.get().pid() + ") still runs on " + abs
                    + "; stop that dev stack first");
        }
        log("--fresh: deleting " + display(abs));
        try (Stream<Path> all = Files.walk(abs)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
