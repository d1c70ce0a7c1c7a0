package no.rusvarsel.devstack.deploy;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static no.rusvarsel.devstack.deploy.DeploymentFiles.COMPOSE_FILES;
import static no.rusvarsel.devstack.deploy.DeploymentFiles.SERVICE_MODULES;
import static no.rusvarsel.devstack.deploy.DeploymentFiles.composeServices;
import static no.rusvarsel.devstack.deploy.DeploymentFiles.envExample;
import static no.rusvarsel.devstack.deploy.DeploymentFiles.environment;
import static no.rusvarsel.devstack.deploy.DeploymentFiles.moduleOf;
import static no.rusvarsel.devstack.deploy.DeploymentFiles.read;
import static no.rusvarsel.devstack.deploy.DeploymentFiles.variablesReadBy;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compose files configure the services only with variables they read, take every secret from .env, and the
 * README documents every variable a service reads. (Syntax is checked by docker-compose itself in .ci/run.)
 */
class ComposeConfigurationTest {

    /** Read by the JVM itself, not by the service's configuration. */
    private static final List<String> JVM_VARIABLES = List.of("JAVA_TOOL_OPTIONS");
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:?[-?])?[^}]*}");
    private static final Pattern SECRET_NAME = Pattern.compile(".*(SECRET|PASSWORD|_KEY)$");

    @Test
    void shouldSetOnlyVariablesTheServicesRead() {
        var unknown = new ArrayList<String>();
        for (var file : COMPOSE_FILES) {
            composeServices(file).forEach((name, service) -> {
                var module = moduleOf(name, service);
                if (module == null) {
                    return;
                }
                var read = variablesReadBy(module);
                environment(service).keySet().stream()
                        .filter(v -> !read.contains(v) && !JVM_VARIABLES.contains(v))
                        .forEach(v -> unknown.add(file + ": " + name + " sets " + v + ", which " + module + " never reads"));
            });
        }
        assertThat(unknown).isEmpty();
    }

    @Test
    void shouldRunEveryServiceModuleInTheBaseComposeFile() {
        var modules = new TreeSet<String>();
        composeServices("docker-compose.yml").forEach((name, service) -> {
            var module = moduleOf(name, service);
            if (module != null) {
                modules.add(module);
                assertThat(service).as(name + " is built from its Dockerfile")
                        .containsEntry("build", Map.of("context", ".", "dockerfile", module + "/Dockerfile"));
            }
        });
        assertThat(modules).containsExactlyInAnyOrderElementsOf(SERVICE_MODULES);
    }

    @Test
    void shouldDefineEveryRequiredComposeVariableInEnvExample() {
        var example = envExample();
        var missing = new TreeSet<String>();
        for (var file : COMPOSE_FILES) {
            var m = INTERPOLATION.matcher(read(file));
            while (m.find()) {
                boolean hasDefault = ":-".equals(m.group(2)) || "-".equals(m.group(2));
                if (!hasDefault && !example.containsKey(m.group(1))) {
                    missing.add(file + ": ${" + m.group(1) + "}");
                }
            }
        }
        assertThat(missing).as("variables compose needs but .env.example does not set").isEmpty();
    }

    @Test
    void shouldTakeEverySecretFromTheEnvFile() {
        var written = new ArrayList<String>();
        for (var file : COMPOSE_FILES) {
            composeServices(file).forEach((name, service) -> environment(service).forEach((key, value) -> {
                if (SECRET_NAME.matcher(key).matches() && !value.isEmpty() && !INTERPOLATION.matcher(value).matches()) {
                    written.add(file + ": " + name + "." + key);
                }
            }));
        }
        assertThat(written).as("secrets written into a compose file").isEmpty();
    }

    @Test
    void shouldCommitOnlyPlaceholdersForSecretsInEnvExample() {
        envExample().forEach((key, value) -> {
            if (SECRET_NAME.matcher(key).matches()) {
                assertThat(value).as(key).matches("|CHANGE_ME");
            }
        });
        assertThat(read(".gitignore").lines()).as("a real .env is never committed").contains(".env");
    }

    @Test
    void shouldDocumentEveryVariableTheServicesReadInTheReadme() {
        var readme = read("README.md");
        int start = readme.indexOf("\n## Configuration\n");
        var table = readme.substring(start, readme.indexOf("\n## ", start + 1));
        var undocumented = new TreeSet<String>();
        for (var module : SERVICE_MODULES) {
            variablesReadBy(module).stream().filter(v -> !table.contains("`" + v + "`")).forEach(undocumented::add);
        }
        assertThat(undocumented).as("variables the services read, missing from the README's Configuration table").isEmpty();
    }

    @Test
    void shouldConnectEachServiceToTheDatabaseAndRoleThePostgresInitScriptCreates() {
        var script = read("ops/postgres/init-databases.sh");
        var services = composeServices("docker-compose.yml");
        for (var db : List.of("ingest", "alerts")) {
            var service = environment(services.get(db.equals("ingest") ? "ingest-service" : "alert-service"));
            assertThat(service).containsEntry("DATABASE_URL", "jdbc:postgresql://postgres:5432/" + db)
                    .containsEntry("DATABASE_USER", "rusvarsel_" + db);
            assertThat(script).contains("CREATE DATABASE " + db + " OWNER rusvarsel_" + db + ";");
        }
    }

    @Test
    void shouldWaitForHealthyKafkaAndPostgres() {
        for (var file : COMPOSE_FILES) {
            composeServices(file).forEach((name, service) -> {
                if (service.get("depends_on") instanceof Map<?, ?> dependencies) {
                    dependencies.forEach((dependency, condition) -> {
                        if (String.valueOf(dependency).matches("kafka(-\\d+)?|postgres")) {
                            assertThat(condition).as(file + ": " + name + " → " + dependency)
                                    .isEqualTo(Map.of("condition", "service_healthy"));
                        }
                    });
                }
            });
        }
    }
}
