package no.rusvarsel.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** How the devstack speaks: {@code [devstack]} lines on stdout, errors on stderr, short paths, seconds and a log's last lines. */
final class Console {

    private Console() {
    }

    static void log(String message) {
        System.out.println("[devstack] " + message);
        System.out.flush();
    }

    static void err(String message) {
        System.err.println("[devstack] ERROR: " + message);
        System.err.flush();
    }

    /** Relative to the working directory if below it, else absolute. */
    static String display(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath();
        return abs.startsWith(cwd) && !abs.equals(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }

    /** The last {@code lines} lines of a log, indented and marked with {@code |}. */
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

    static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
