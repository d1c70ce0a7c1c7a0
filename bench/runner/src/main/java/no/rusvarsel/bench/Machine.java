package no.rusvarsel.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** The machine and the versions a report was measured with. */
final class Machine {

    private Machine() {
    }

    static Map<String, Object> describe(Path root) {
        var m = new LinkedHashMap<String, Object>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("memoryMiB", meminfo("MemTotal"));
        m.put("memoryAvailableMiBAtEnd", meminfo("MemAvailable"));
        m.put("loadAverage", loadAverage());
        m.put("cpu", cpuModel());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
                + System.getProperty("java.vendor") + ")");
        var versions = new LinkedHashMap<String, Object>();
        versions.put("rusvarsel", Stack.VERSION);
        versions.put("kafkaClients", org.apache.kafka.common.utils.AppInfoParser.getVersion());
        versions.put("micronautPlatform", pomProperty(root, "micronaut.platform.version"));
        versions.put("kafka", pomProperty(root, "kafka.version"));
        versions.put("gitCommit", gitCommit(root));
        m.put("versions", versions);
        return m;
    }

    private static Long meminfo(String key) {
        try {
            for (var line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith(key + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux
        }
        return null;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return null;
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static String pomProperty(Path root, String name) {
        try {
            var m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(Files.readString(root.resolve("pom.xml")));
            return m.find() ? m.group(1) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String gitCommit(Path root) {
        try {
            var p = new ProcessBuilder("git", "-C", root.toString(), "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
            var out = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
