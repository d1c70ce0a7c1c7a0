package no.rusvarsel.devstack;

import no.rusvarsel.contracts.signal.SourceType;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * The whole system on one machine with one command: the embedded Kafka broker and PostgreSQL (one infra process),
 * then ingest-service, analytics-service and alert-service as separate processes, dev credentials, a summary, and
 * supervision until Ctrl-C or SIGTERM, when everything is stopped in order and nothing is left running.
 */
public final class DevStack {

    static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(120);
    static final Duration INFRA_TIMEOUT = Duration.ofSeconds(120);
    static final Duration SERVICE_STOP_GRACE = Duration.ofSeconds(15);
    static final Duration INFRA_STOP_GRACE = Duration.ofSeconds(20);
    static final Duration POSTGRES_STOP_GRACE = Duration.ofSeconds(10);
    static final List<String> SERVICE_JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    static final List<String> INFRA_JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    static final String INFRA_MODULE = "embedded-infra";
    static final String INFRA_MAIN_CLASS = "no.rusvarsel.infra.InfraMain";

    /** A service of the stack: its module (= jar and log name), its key in credentials.json, and its database if any. */
    record ServiceDef(String module, String key, String database) {
        int port(Ports ports) {
            return switch (key) {
                case "ingest" -> ports.ingest();
                case "analytics" -> ports.analytics();
                default -> ports.alerts();
            };
        }
    }

    static final List<ServiceDef> SERVICES = List.of(
            new ServiceDef("ingest-service", "ingest", "ingest"),
            new ServiceDef("analytics-service", "analytics", null),
            new ServiceDef("alert-service", "alerts", "alerts"));

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
    private final AtomicBoolean stopping = new AtomicBoolean();
    /** Guards starting processes against a concurrent stop, so a Ctrl-C during start-up leaves nothing behind. */
    private final Object lifecycle = new Object();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Map<String, ManagedProcess> services = new LinkedHashMap<>();
    private final Map<String, Integer> exits = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile ManagedProcess infra;
    private volatile Ports ports;

    DevStack(DevStackOptions options, Layout layout, Instant startedAt) {
        this.options = options;
        this.layout = layout;
        this.startedAt = startedAt;
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
        for (ServiceDef service : SERVICES) {
            layout.moduleJar(service.module()).ifPresentOrElse(jar -> jars.put(service.module(), jar), () -> missing.add(service.module()));
        }
        if (!missing.isEmpty()) {
            err("not built yet: " + String.join(", ", missing) + " (no <module>/target/<module>-" + Layout.VERSION
                    + ".jar). Run ./devstack/run.sh, which builds what is missing, or mvn -B -DskipTests install.");
            return 1;
        }

        warnAboutLeftovers();
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
        Optional<ProcessHandle> runningPostgres = ProcessTree.postmaster(dataDir.resolve("postgres"));
        if (runningPostgres.isPresent()) {
            err("PostgreSQL (pid " + runningPostgres.get().pid() + ") already runs on " + dataDir.resolve("postgres")
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

        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "devstack-stop"));

        // --- infra
        log("starting Kafka and PostgreSQL (data in " + display(dataDir) + ", log " + display(layout.logFile("infra")) + ")");
        Path infraJson = dataDir.resolve("infra.json");
        try {
            Files.deleteIfExists(infraJson);
        } catch (IOException e) {
            err("cannot delete stale " + infraJson + ": " + e.getMessage());
            return 1;
        }
        var infraCommand = new ArrayList<String>();
        infraCommand.add(javaExecutable());
        infraCommand.addAll(INFRA_JVM_OPTIONS);
        infraCommand.addAll(List.of("-cp", infraClassPath(infraJar.get()), INFRA_MAIN_CLASS,
                "--data-dir", dataDir.toString(),
                "--kafka-port", Integer.toString(ports.kafka()),
                "--postgres-port", Integer.toString(ports.postgres()),
                "--databases", "ingest,alerts"));
        infra = new ManagedProcess("infra", infraCommand, Map.of(), layout.root(), layout.logFile("infra"), false, scheduler,
                new ManagedProcess.Listener() {
                    @Override
                    public void exited(ManagedProcess process, int exitCode, boolean restarting) {
                        if (stopping.get()) {
                            return;
                        }
                        err("the infra process (Kafka + PostgreSQL) exited unexpectedly (code " + exitCode + "); stopping the stack. Last lines of "
                                + display(process.logFile()) + ":\n" + tail(process.logFile(), 20));
                        new Thread(() -> System.exit(1), "devstack-exit").start();
                    }

                    @Override
                    public void restarted(ManagedProcess process) {
                    }
                });
        synchronized (lifecycle) {
            if (stopping.get()) {
                return 1;
            }
            infra.start();
        }
        InfraInfo info = waitForInfra(infraJson);
        if (info == null) {
            return 1;
        }
        Duration infraReady = Duration.between(startedAt, Instant.now());
        log(String.format("infra ready after %.1f s: Kafka %s, PostgreSQL 127.0.0.1:%d", seconds(infraReady), info.kafka(), info.postgresPort()));

        // --- services, all at once
        String jwtSecret = secrets.jwtSecret();
        var toStart = new LinkedHashMap<String, ManagedProcess>();
        for (ServiceDef service : SERVICES) {
            var env = new LinkedHashMap<String, String>();
            env.put("HTTP_PORT", Integer.toString(service.port(ports)));
            env.put("KAFKA_BOOTSTRAP_SERVERS", info.kafka());
            env.put("RUSVARSEL_JWT_SECRET", jwtSecret);
            if (service.database() != null) {
                env.put("DATABASE_URL", info.jdbcUrl(service.database()));
                env.put("DATABASE_USER", info.postgresUser());
                env.put("DATABASE_PASSWORD", info.postgresPassword());
            }
            if (service.key().equals("ingest")) {
                env.put("RUSVARSEL_SEED_PROVIDERS", seedFile.toString());
            }
            if (service.key().equals("analytics")) {
                // streams state belongs to this stack's data: another stack on the machine must not share its locks
                env.put("RUSVARSEL_STREAMS_STATE_DIR", options.dataDir().resolve("analytics-state").toString());
            }
            var command = new ArrayList<String>();
            command.add(javaExecutable());
            command.addAll(SERVICE_JVM_OPTIONS);
            command.addAll(List.of("-jar", jars.get(service.module()).toString()));
            var process = new ManagedProcess(service.module(), command, env, layout.root(), layout.logFile(service.module()),
                    options.restart(), scheduler, serviceListener(service));
            toStart.put(service.module(), process);
        }
        log("starting " + String.join(", ", toStart.keySet()) + " (logs in " + display(layout.logsDir()) + ")");
        synchronized (lifecycle) {
            if (stopping.get()) {
                return 1;
            }
            services.putAll(toStart);
            services.values().forEach(ManagedProcess::start);
        }
        writePids();

        if (!waitHealthy()) {
            return 1;
        }
        Duration toHealthy = Duration.between(startedAt, Instant.now());

        // --- report
        Memory memory = measureMemory();
        long devstackRss = ProcessTree.rssKb(ProcessHandle.current().pid());
        Json.writeFile(layout.startupFile(), new StartupReport(startedAt.toString(), round1(seconds(infraReady)),
                round1(seconds(toHealthy)), memory.totalRssKb(), memory.rssKb(), memory.totalPssKb(), devstackRss));
        var credentials = Credentials.of(ports, info.kafka(), secrets, DevTokens.forAllRoles(jwtSecret, Instant.now()));
        Json.writePrivateFile(layout.credentialsFile(), credentials);
        writePids();
        printSummary(credentials, info, dataDir, infraReady, toHealthy, memory);

        if (options.demo()) {
            new DemoRunner(http, credentials.urls().ingest(), secrets, out).run(DemoScenario.forToday());
        }
        out.println();
        log("running; Ctrl-C stops everything");
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    // ------------------------------------------------------------------ infra and health

    private InfraInfo waitForInfra(Path infraJson) {
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
    private boolean waitHealthy() {
        var health = new Health(http);
        var pending = new LinkedHashMap<>(services);
        long deadline = System.nanoTime() + HEALTH_TIMEOUT.toNanos();
        while (!pending.isEmpty()) {
            for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
                var entry = it.next();
                ServiceDef def = def(entry.getKey());
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
                    err(entry.getKey() + " did not answer GET http://127.0.0.1:" + def(entry.getKey()).port(ports) + "/health with UP within "
                            + HEALTH_TIMEOUT.toSeconds() + " s" + (exitCount > 0 ? " (it exited " + exitCount + " time(s))" : "")
                            + "; see " + display(entry.getValue().logFile()) + ". Last lines:\n" + tail(entry.getValue().logFile(), 15));
                }
                return false;
            }
            sleep(Duration.ofMillis(300));
        }
        return true;
    }

    private ManagedProcess.Listener serviceListener(ServiceDef def) {
        return new ManagedProcess.Listener() {
            @Override
            public void exited(ManagedProcess process, int exitCode, boolean restarting) {
                if (stopping.get()) {
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
                startDaemon(() -> {
                    long t0 = System.nanoTime();
                    var health = new Health(http);
                    while (!stopping.get() && process.isAlive() && System.nanoTime() - t0 < HEALTH_TIMEOUT.toNanos()) {
                        if (health.isUp(def.port(ports))) {
                            log(String.format("%s is healthy again (%.1f s after restart)", process.name(), (System.nanoTime() - t0) / 1e9));
                            return;
                        }
                        sleep(Duration.ofMillis(300));
                    }
                }, "devstack-health-" + process.name());
            }
        };
    }

    private static void startDaemon(Runnable r, String name) {
        var t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    private ServiceDef def(String module) {
        return SERVICES.stream().filter(s -> s.module().equals(module)).findFirst().orElseThrow();
    }

    // ------------------------------------------------------------------ stop

    /** Services first (SIGTERM, 15 s, then SIGKILL with descendants), then the infra JVM (20 s) and any PostgreSQL left. */
    void stop() {
        synchronized (lifecycle) {
            // from here on nothing new is started (see run())
            if (!stopping.compareAndSet(false, true)) {
                return;
            }
        }
        try {
            out.println();
            log("stopping…");
            services.values().forEach(ManagedProcess::markStopping);
            ManagedProcess infraProcess = infra;
            if (infraProcess != null) {
                infraProcess.markStopping();
            }
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
            if (infraProcess != null) {
                Path pgData = options.dataDir().resolve("postgres");
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
            try {
                Files.deleteIfExists(layout.pidsFile());
            } catch (IOException ignored) {
                // best effort
            }
            log("stopped");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            scheduler.shutdownNow();
            out.flush();
            stopped.countDown();
        }
    }

    // ------------------------------------------------------------------ reporting

    /** A previous devstack's pids.json: says so if that devstack still runs, or if it was killed and left children behind. */
    private void warnAboutLeftovers() {
        Path file = layout.pidsFile();
        if (!Files.isRegularFile(file)) {
            return;
        }
        Map<String, Long> previous;
        try {
            previous = Json.mapper().readValue(Files.readString(file), io.micronaut.core.type.Argument.mapOf(String.class, Long.class));
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

    private void writePids() {
        var pids = new LinkedHashMap<String, Long>();
        pids.put("devstack", ProcessHandle.current().pid());
        ManagedProcess infraProcess = infra;
        if (infraProcess != null && infraProcess.isAlive()) {
            pids.put("infra", infraProcess.pid());
        }
        ProcessTree.postmaster(options.dataDir().resolve("postgres")).ifPresent(pm -> pids.put("postgres", pm.pid()));
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

    /** Memory of the stack: VmRSS in kB per part, each with all its descendants (PostgreSQL with the infra), and the total PSS. */
    record Memory(Map<String, Long> rssKb, long totalRssKb, long totalPssKb) {
    }

    private Memory measureMemory() {
        var parts = new LinkedHashMap<String, List<ProcessHandle>>();
        var infraTree = new ArrayList<>(infra.tree());
        ProcessTree.postmaster(options.dataDir().resolve("postgres")).ifPresent(pm -> infraTree.addAll(ProcessTree.withDescendants(pm)));
        parts.put("infra", infraTree);
        services.forEach((name, process) -> parts.put(name, new ArrayList<>(process.tree())));
        var rss = new LinkedHashMap<String, Long>();
        var counted = new java.util.HashSet<Long>();
        long pss = 0;
        for (var part : parts.entrySet()) {
            long sum = 0;
            for (ProcessHandle p : part.getValue()) {
                if (p.isAlive() && counted.add(p.pid())) {
                    sum += ProcessTree.rssKb(p.pid());
                    pss += ProcessTree.pssKb(p.pid());
                }
            }
            rss.put(part.getKey(), sum);
        }
        return new Memory(rss, rss.values().stream().mapToLong(Long::longValue).sum(), pss);
    }

    private void printSummary(Credentials credentials, InfraInfo info, Path dataDir, Duration infraReady, Duration toHealthy,
                              Memory memory) {
        long totalRss = memory.totalRssKb();
        var urls = credentials.urls();
        String bar = "═".repeat(100);
        var s = new StringBuilder();
        s.append('\n').append(bar).append('\n');
        s.append(String.format(" Rusvarsel dev stack is up: healthy %.1f s after start, %d MB resident memory%n", seconds(toHealthy), totalRss / 1024));
        s.append(bar).append('\n');
        s.append(" Services\n");
        s.append(String.format("   ingest-service     %-26s pid %-8d log %s%n", urls.ingest(), services.get("ingest-service").pid(), display(layout.logFile("ingest-service"))));
        s.append(String.format("   analytics-service  %-26s pid %-8d log %s%n", urls.analytics(), services.get("analytics-service").pid(), display(layout.logFile("analytics-service"))));
        s.append(String.format("   alert-service      %-26s pid %-8d log %s%n", urls.alerts(), services.get("alert-service").pid(), display(layout.logFile("alert-service"))));
        s.append(" Infrastructure\n");
        s.append(String.format("   Kafka              %-26s pid %-8d log %s%n", info.kafka(), infra.pid(), display(layout.logFile("infra"))));
        s.append(String.format("   PostgreSQL         127.0.0.1:%-16d user %s, password %s, databases %s%n", info.postgresPort(),
                info.postgresUser(), info.postgresPassword(), info.databases() == null ? "ingest, alerts" : String.join(", ", info.databases().keySet())));
        s.append(String.format("   data folder        %s%n", display(dataDir)));
        s.append(" Provider API keys (header Authorization: Bearer <key>; provider ids dev-<source type>)\n");
        credentials.providers().forEach((type, key) -> s.append(String.format("   %-16s %s%n", type, key)));
        s.append(" Tokens for people (HS256 JWT, iss " + DevTokens.ISSUER + ", valid " + DevTokens.LIFETIME.toDays() + " days)\n");
        credentials.tokens().forEach((role, token) -> s.append(String.format("   %-9s %s%n", role, token)));
        s.append(" Try it\n");
        s.append("   curl -X POST ").append(urls.ingest()).append("/api/v1/signals/drug-checking -H \"Authorization: Bearer ")
                .append(credentials.providers().get(SourceType.DRUG_CHECKING.path()))
                .append("\" -H 'Content-Type: application/json' -d '{\"externalId\":\"DC-1\",\"region\":\"0301\",\"observedAt\":\"")
                .append(LocalDate.now(no.rusvarsel.contracts.signal.ObservedAt.ZONE))
                .append("\",\"form\":\"TABLET\",\"soldAs\":\"MDMA\",\"method\":\"GC_MS\",\"confirmed\":true,\"components\":[{\"substance\":\"MDMA\",\"amountMg\":240}]}'\n");
        s.append("   curl ").append(urls.analytics()).append("/prometheus -H \"Authorization: Bearer ")
                .append(credentials.tokens().get("OPERATOR")).append("\"\n");
        s.append("   PGPASSWORD=").append(info.postgresPassword()).append(" psql -h 127.0.0.1 -p ").append(info.postgresPort())
                .append(" -U ").append(info.postgresUser()).append(" -d alerts\n");
        s.append("   kcat -b ").append(info.kafka()).append(" -L\n");
        s.append(" Startup and memory\n");
        s.append(String.format("   %.1f s from start to all healthy (Kafka and PostgreSQL ready after %.1f s)%n", seconds(toHealthy), seconds(infraReady)));
        var parts = new ArrayList<String>();
        memory.rssKb().forEach((name, kb) -> parts.add(name + (name.equals("infra") ? " (Kafka + PostgreSQL)" : "") + " " + kb / 1024 + " MB"));
        s.append(String.format("   %d MB RSS in total (sum of VmRSS): %s%n", totalRss / 1024, String.join(", ", parts)));
        if (memory.totalPssKb() > 0) {
            s.append(String.format("   %d MB PSS in total (shared pages counted once); the devstack itself %d MB RSS%n",
                    memory.totalPssKb() / 1024, ProcessTree.rssKb(ProcessHandle.current().pid()) / 1024));
        }
        s.append(" Files\n");
        s.append("   ").append(display(layout.credentialsFile())).append(" (URLs, keys, tokens), ")
                .append(display(layout.startupFile())).append(", ").append(display(layout.pidsFile())).append('\n');
        s.append(bar).append('\n');
        s.append(" Ctrl-C stops everything. A service that exits is restarted").append(options.restart() ? "" : " (off: --no-restart)").append(".\n");
        out.print(s);
        out.flush();
    }

    private void reportPortChoice(String what, int preferred, int chosen) {
        if (preferred != 0 && preferred != chosen) {
            log(what + ": port " + preferred + " is busy, using " + chosen);
        }
    }

    // ------------------------------------------------------------------ helpers

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

    /**
     * By class path and main class, so it works whether or not the jar's manifest names a main class: the module's jar,
     * its {@code target/lib/} if there, then the devstack's own class path (which holds embedded-infra and all its
     * dependencies, through the devstack jar's manifest), so a missing or half-built {@code lib/} does not matter.
     */
    static String infraClassPath(Path infraJar) {
        var entries = new ArrayList<String>();
        entries.add(infraJar.toString());
        Path lib = infraJar.getParent().resolve("lib");
        if (Files.isDirectory(lib)) {
            entries.add(lib + java.io.File.separator + "*");
        }
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(entry.endsWith("*") ? entry : Path.of(entry).toAbsolutePath().toString());
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static String javaExecutable() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return Files.isExecutable(java) ? java.toString() : "java";
    }

    private String display(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath();
        return abs.startsWith(cwd) && !abs.equals(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }

    static String tail(Path file, int lines) {
        try {
            if (!Files.isRegularFile(file)) {
                return "   (no log)";
            }
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            var last = all.subList(Math.max(0, all.size() - lines), all.size());
            var s = new StringBuilder();
            last.forEach(l -> s.append("   | ").append(l).append('\n'));
            return s.toString();
        } catch (IOException | RuntimeException e) {
            return "   (cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    private void log(String message) {
        out.println("[devstack] " + message);
        out.flush();
    }

    private void err(String message) {
        System.err.println("[devstack] ERROR: " + message);
        System.err.flush();
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
