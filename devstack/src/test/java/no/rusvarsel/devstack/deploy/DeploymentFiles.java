package no.rusvarsel.devstack.deploy;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Reads the repository's deployment files (compose files, Dockerfiles, .env.example) and the services' config. */
final class DeploymentFiles {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final List<String> COMPOSE_FILES = List.of("docker-compose.yml", "docker-compose.scale.yml");
    static final List<String> SERVICE_MODULES = List.of("ingest-service", "analytics-service", "alert-service");

    /** A `${NAME…}` placeholder in a Micronaut config or logback file: NAME is an env var the service reads. */
    private static final Pattern CONFIG_PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");

    private DeploymentFiles() {
    }

    static String read(String relativePath) {
        try {
            return Files.readString(ROOT.resolve(relativePath));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The services of one compose file, by name. */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> composeServices(String file) {
        Map<String, Object> doc = new Yaml(new LoaderOptions()).load(read(file));
        return (Map<String, Map<String, Object>>) doc.get("services");
    }

    /** A compose service's environment as written (values unresolved). */
    @SuppressWarnings("unchecked")
    static Map<String, String> environment(Map<String, Object> service) {
        var env = new LinkedHashMap<String, String>();
        var raw = service.get("environment");
        if (raw instanceof Map<?, ?> map) {
            map.forEach((k, v) -> env.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        } else if (raw instanceof List<?> list) {
            list.forEach(item -> {
                var s = String.valueOf(item);
                int eq = s.indexOf('=');
                env.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
            });
        }
        return env;
    }

    /** The module whose image a compose service runs, or null for third-party images. */
    static String moduleOf(String serviceName, Map<String, Object> service) {
        var image = String.valueOf(service.getOrDefault("image", ""));
        for (var module : SERVICE_MODULES) {
            if (image.startsWith("rusvarsel/" + module + ":")) {
                return module;
            }
        }
        return SERVICE_MODULES.contains(serviceName) ? serviceName : null;
    }

    /** Every environment variable a service reads through its configuration files. */
    static Set<String> variablesReadBy(String module) {
        var names = new TreeSet<String>();
        for (var file : List.of("application.yml", "logback.xml")) {
            var path = ROOT.resolve(module).resolve("src/main/resources").resolve(file);
            if (Files.exists(path)) {
                var m = CONFIG_PLACEHOLDER.matcher(read(ROOT.relativize(path).toString()));
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    /** The variables .env.example sets (commented-out optional ones excluded), with their values. */
    static Map<String, String> envExample() {
        var values = new LinkedHashMap<String, String>();
        for (var line : read(".env.example").split("\n")) {
            var s = line.strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            int eq = s.indexOf('=');
            values.put(s.substring(0, eq), s.substring(eq + 1));
        }
        return values;
    }
}
