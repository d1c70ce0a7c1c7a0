package no.rusvarsel.devstack;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The devstack's command line. Every option can also come from the environment; the command line wins.
 *
 * @param dataDir absolute path of the data folder (Kafka log, PostgreSQL cluster, dev secrets)
 * @param restart restart a service that exits while the stack runs
 * @param fullJit  compile with C2 as in production (slower start, faster under load) instead of C1 only
 */
public record DevStackOptions(
        boolean fresh,
        boolean demo,
        boolean restart,
        boolean help,
        boolean fullJit,
        Path dataDir,
        int ingestPort,
        int analyticsPort,
        int alertsPort,
        int kafkaPort,
        int postgresPort) {

    public static final int DEFAULT_INGEST_PORT = 8081;
    public static final int DEFAULT_ANALYTICS_PORT = 8082;
    public static final int DEFAULT_ALERTS_PORT = 8083;
    public static final int DEFAULT_KAFKA_PORT = 9092;
    public static final int DEFAULT_POSTGRES_PORT = 5432;

    public static final String USAGE = """
            Usage: ./devstack/run.sh [options]

            Starts Kafka, PostgreSQL, ingest-service, analytics-service and alert-service on this machine,
            prints URLs and dev credentials, and runs until Ctrl-C.

            Options (each also from the environment variable in brackets; the command line wins):
              --fresh                delete the data folder first: empty Kafka and databases, new dev credentials  [RUSVARSEL_FRESH=true]
              --demo                 when healthy, replay a synthetic scenario through the ingest API             [RUSVARSEL_DEMO=true]
              --no-restart           do not restart a service that exits                                       [RUSVARSEL_NO_RESTART=true]
              --full-jit             JVMs compile with C2 as in production: about 15 s slower to start, faster    [RUSVARSEL_FULL_JIT=true]
                                     under load (what bench/run.sh measures throughput with); default C1 only
              --data-dir DIR         data folder (default .devstack/data)                                      [RUSVARSEL_DATA_DIR]
              --ingest-port N        ingest-service HTTP port (default 8081, or the next free one)             [RUSVARSEL_INGEST_PORT]
              --analytics-port N     analytics-service HTTP port (default 8082, or the next free one)          [RUSVARSEL_ANALYTICS_PORT]
              --alerts-port N        alert-service HTTP port (default 8083, or the next free one)              [RUSVARSEL_ALERTS_PORT]
              --kafka-port N         Kafka broker port (default 9092, or the next free one)                    [RUSVARSEL_KAFKA_PORT]
              --postgres-port N      PostgreSQL port (default 5432, or the next free one)                      [RUSVARSEL_POSTGRES_PORT]
              --help                 show this text

            Port 0 means any free port. Logs: .devstack/logs/<service>.log; credentials: .devstack/credentials.json.
            """;

    /** A command line the devstack does not understand; the message says what is wrong. */
    public static final class OptionsException extends RuntimeException {
        public OptionsException(String message) {
            super(message);
        }
    }

    /**
     * @param args       the command line
     * @param env        the environment (System.getenv() in production)
     * @param defaultDataDir the data folder when neither option nor environment names one
     * @param baseDir    what a relative {@code --data-dir} is resolved against (the caller's directory)
     */
    public static DevStackOptions parse(List<String> args, Map<String, String> env, Path defaultDataDir, Path baseDir) {
        boolean fresh = flag(env, "RUSVARSEL_FRESH");
        boolean demo = flag(env, "RUSVARSEL_DEMO");
        boolean restart = !flag(env, "RUSVARSEL_NO_RESTART");
        boolean help = false;
        boolean fullJit = flag(env, "RUSVARSEL_FULL_JIT");
        String dataDir = blankToNull(env.get("RUSVARSEL_DATA_DIR"));
        int ingest = port(env.get("RUSVARSEL_INGEST_PORT"), DEFAULT_INGEST_PORT, "RUSVARSEL_INGEST_PORT");
        int analytics = port(env.get("RUSVARSEL_ANALYTICS_PORT"), DEFAULT_ANALYTICS_PORT, "RUSVARSEL_ANALYTICS_PORT");
        int alerts = port(env.get("RUSVARSEL_ALERTS_PORT"), DEFAULT_ALERTS_PORT, "RUSVARSEL_ALERTS_PORT");
        int kafka = port(env.get("RUSVARSEL_KAFKA_PORT"), DEFAULT_KAFKA_PORT, "RUSVARSEL_KAFKA_PORT");
        int postgres = port(env.get("RUSVARSEL_POSTGRES_PORT"), DEFAULT_POSTGRES_PORT, "RUSVARSEL_POSTGRES_PORT");

        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String inlineValue = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 2) {
                name = arg.substring(0, eq);
                inlineValue = arg.substring(eq + 1);
            }
            switch (name) {
                case "--fresh" -> fresh = noValue(name, inlineValue);
                case "--demo" -> demo = noValue(name, inlineValue);
                case "--no-restart" -> restart = !noValue(name, inlineValue);
                case "--help", "-h" -> help = noValue(name, inlineValue);
                case "--full-jit" -> fullJit = noValue(name, inlineValue);
                case "--data-dir", "--ingest-port", "--analytics-port", "--alerts-port", "--kafka-port", "--postgres-port" -> {
                    String value = inlineValue;
                    if (value == null) {
                        if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                            throw new OptionsException("option " + name + " needs a value");
                        }
                        value = args.get(++i);
                    }
                    switch (name) {
                        case "--data-dir" -> {
                            if (value.isBlank()) {
                                throw new OptionsException("option --data-dir needs a folder");
                            }
                            dataDir = value;
                        }
                        case "--ingest-port" -> ingest = port(value, 0, name);
                        case "--analytics-port" -> analytics = port(value, 0, name);
                        case "--alerts-port" -> alerts = port(value, 0, name);
                        case "--kafka-port" -> kafka = port(value, 0, name);
                        default -> postgres = port(value, 0, name);
                    }
                }
                default -> throw new OptionsException("unknown option '" + arg + "' (see --help)");
            }
        }
        Path dir = dataDir == null ? defaultDataDir : baseDir.resolve(dataDir);
        return new DevStackOptions(fresh, demo, restart, help, fullJit, dir.toAbsolutePath().normalize(),
                ingest, analytics, alerts, kafka, postgres);
    }

    private static boolean noValue(String name, String inlineValue) {
        if (inlineValue == null) {
            return true;
        }
        return switch (inlineValue.toLowerCase()) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new OptionsException("option " + name + " takes no value (got '" + inlineValue + "')");
        };
    }

    private static boolean flag(Map<String, String> env, String key) {
        String value = blankToNull(env.get(key));
        if (value == null) {
            return false;
        }
        return switch (value.trim().toLowerCase()) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new OptionsException(key + " must be true or false (got '" + value + "')");
        };
    }

    private static int port(String value, int fallback, String what) {
        if (blankToNull(value) == null) {
            if (fallback == 0) {
                throw new OptionsException(what + " needs a port number");
            }
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 0 || port > 65535) {
                throw new OptionsException(what + " must be a port number 0-65535 (got '" + value + "')");
            }
            return port;
        } catch (NumberFormatException e) {
            throw new OptionsException(what + " must be a port number 0-65535 (got '" + value + "')");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
