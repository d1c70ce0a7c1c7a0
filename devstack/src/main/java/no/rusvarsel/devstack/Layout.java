package no.rusvarsel.devstack;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where things are: the repository root, the runnable jars of the modules, and the devstack's own folder
 * {@code .devstack/} (logs, credentials, pids, startup measurement).
 */
public record Layout(Path root, Path stateDir) {

    public static final String VERSION = "0.1.0-SNAPSHOT";

    /** The usual layout: state in {@code <root>/.devstack}. */
    public Layout(Path root) {
        this(root, root.resolve(".devstack"));
    }

    /**
     * The state folder is {@code RUSVARSEL_STATE_DIR} if set, else {@code <root>/.devstack}.
     * The repository root: {@code RUSVARSEL_ROOT} if set, else found from where this class was loaded
     * ({@code <root>/devstack/target/devstack.jar} or {@code <root>/devstack/target/classes}), else the working directory.
     */
    public static Layout detect() {
        var root = detectRoot();
        String state = System.getenv("RUSVARSEL_STATE_DIR");
        return state == null || state.isBlank() ? new Layout(root) : new Layout(root, Path.of(state).toAbsolutePath().normalize());
    }

    private static Path detectRoot() {
        String env = System.getenv("RUSVARSEL_ROOT");
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath().normalize();
        }
        try {
            var source = DevStack.class.getProtectionDomain().getCodeSource();
            if (source != null) {
                Path location = Path.of(source.getLocation().toURI()).toAbsolutePath().normalize();
                Path target = location.getParent();
                if (target != null && target.getFileName() != null && target.getFileName().toString().equals("target")
                        && target.getParent() != null && target.getParent().getParent() != null
                        && Files.isRegularFile(target.getParent().getParent().resolve("pom.xml"))) {
                    return target.getParent().getParent();
                }
            }
        } catch (URISyntaxException | RuntimeException ignored) {
            // fall through to the working directory
        }
        return Path.of("").toAbsolutePath();
    }

    public Path logsDir() {
        return stateDir().resolve("logs");
    }

    public Path defaultDataDir() {
        return stateDir().resolve("data");
    }

    public Path credentialsFile() {
        return stateDir().resolve("credentials.json");
    }

    public Path startupFile() {
        return stateDir().resolve("startup.json");
    }

    public Path pidsFile() {
        return stateDir().resolve("pids.json");
    }

    public Path logFile(String name) {
        return logsDir().resolve(name + ".log");
    }

    /** {@code <module>/target/<module>-<version>.jar}, or another non-auxiliary jar of that module if the version differs. */
    public Optional<Path> moduleJar(String module) {
        Path target = root.resolve(module).resolve("target");
        Path exact = target.resolve(module + "-" + VERSION + ".jar");
        if (Files.isRegularFile(exact)) {
            return Optional.of(exact);
        }
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> {
                        String n = p.getFileName().toString();
                        return n.startsWith(module + "-") && n.endsWith(".jar") && !n.endsWith("-sources.jar")
                                && !n.endsWith("-javadoc.jar") && !n.endsWith("-tests.jar");
                    })
                    .max(Comparator.comparing(p -> p.toFile().lastModified()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
