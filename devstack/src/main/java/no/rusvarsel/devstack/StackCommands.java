package no.rusvarsel.devstack;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The command lines and environments of the stack's processes: the infra JVM by class path and main class, each service by its jar. */
final class StackCommands {

    static final List<String> SERVICE_JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC");
    static final List<String> INFRA_JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC");
    /** By default the JVMs compile with C1 only: the stack starts in about half the time on two cores (--full-jit: C2 too). */
    static final String QUICK_START_JIT = "-XX:TieredStopAtLevel=1";
    static final String INFRA_MAIN_CLASS = "no.rusvarsel.infra.InfraMain";

    private StackCommands() {
    }

    /** Kafka and PostgreSQL in one JVM, with both databases, writing {@code infra.json} to the data folder when ready. */
    static List<String> infra(Path infraJar, Path dataDir, Ports ports, boolean fullJit) {
        var command = new ArrayList<String>();
        command.add(javaExecutable());
        command.addAll(INFRA_JVM_OPTIONS);
        if (!fullJit) {
            command.add(QUICK_START_JIT);
        }
        command.addAll(List.of("-cp", infraClassPath(infraJar), INFRA_MAIN_CLASS,
                "--data-dir", dataDir.toString(),
                "--kafka-port", Integer.toString(ports.kafka()),
                "--postgres-port", Integer.toString(ports.postgres()),
                "--databases", "ingest,alerts"));
        return command;
    }

    static List<String> service(Path jar, boolean fullJit) {
        var command = new ArrayList<String>();
        command.add(javaExecutable());
        command.addAll(SERVICE_JVM_OPTIONS);
        if (!fullJit) {
            command.add(QUICK_START_JIT);
        }
        command.addAll(List.of("-jar", jar.toString()));
        return command;
    }

    /** Port, Kafka, JWT secret, the database if it has one, and what only ingest (seed providers) or analytics (state) needs. */
    static Map<String, String> serviceEnvironment(ServiceDef service, Ports ports, InfraInfo info, String jwtSecret, Path seedFile,
                                                  Path dataDir) {
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
        if (service.key().equals("alerts")) {
            // the dashboard shows the other services' read APIs through alert-service's origin
            env.put("RUSVARSEL_ANALYTICS_URL", "http://127.0.0.1:" + ports.analytics());
            env.put("RUSVARSEL_INGEST_URL", "http://127.0.0.1:" + ports.ingest());
        }
        if (service.key().equals("analytics")) {
            // streams state belongs to this stack's data: another stack on the machine must not share its locks
            env.put("RUSVARSEL_STREAMS_STATE_DIR", dataDir.resolve("analytics-state").toString());
        }
        return env;
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
            entries.add(lib + File.separator + "*");
        }
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(entry.endsWith("*") ? entry : Path.of(entry).toAbsolutePath().toString());
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static String javaExecutable() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return Files.isExecutable(java) ? java.toString() : "java";
    }
}
