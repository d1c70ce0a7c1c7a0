package no.rusvarsel.devstack.deploy;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static no.rusvarsel.devstack.deploy.DeploymentFiles.COMPOSE_FILES;
import static no.rusvarsel.devstack.deploy.DeploymentFiles.ROOT;
import static no.rusvarsel.devstack.deploy.DeploymentFiles.SERVICE_MODULES;
import static no.rusvarsel.devstack.deploy.DeploymentFiles.composeServices;
import static no.rusvarsel.devstack.deploy.DeploymentFiles.environment;
import static no.rusvarsel.devstack.deploy.DeploymentFiles.moduleOf;
import static no.rusvarsel.devstack.deploy.DeploymentFiles.read;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every image is pinned to a version; the services' images run as a non-root user, check their own readiness and
 * expose the port compose and Prometheus use; every file compose mounts exists. (Dockerfile syntax is linted in .ci/run.)
 */
class ImagesTest {

    private static final Pattern PINNED = Pattern.compile("[a-z0-9./-]+:(?!latest)[A-Za-z0-9._-]*\\d[A-Za-z0-9._-]*(@sha256:[0-9a-f]{64})?");

    @Test
    void shouldPinEveryImageToAVersion() {
        var images = new ArrayList<String>();
        for (var file : COMPOSE_FILES) {
            composeServices(file).values().forEach(s -> {
                if (s.get("image") != null) {
                    images.add(String.valueOf(s.get("image")).replace("${RUSVARSEL_VERSION:-0.1.0-SNAPSHOT}", "0.1.0-SNAPSHOT"));
                }
            });
        }
        for (var module : SERVICE_MODULES) {
            dockerfile(module).stream().filter(l -> l.startsWith("FROM "))
                    .forEach(l -> images.add(l.split("\\s+")[1]));
        }
        assertThat(images).isNotEmpty().allSatisfy(image -> assertThat(image).matches(PINNED));
    }

    @Test
    void shouldRunServicesAsNonRootWithAReadinessHealthcheck() {
        for (var module : SERVICE_MODULES) {
            var lines = dockerfile(module);
            var finalStage = lines.subList(lastIndexStartingWith(lines, "FROM "), lines.size());

            assertThat(finalStage).as(module + " runs as a numeric non-root user")
                    .anySatisfy(l -> assertThat(l).matches("USER [1-9]\\d{3,}(:[1-9]\\d{3,})?"));
            assertThat(finalStage.stream().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b).orElseThrow())
                    .as("the last USER of " + module).doesNotContain("root").doesNotMatch("USER 0\\b.*");
            assertThat(String.join("\n", finalStage)).as(module)
                    .contains("HEALTHCHECK").contains("/health/readiness");
        }
    }

    @Test
    void shouldExposeThePortComposeAndPrometheusUse() {
        var targets = read("ops/prometheus/targets.yml") + read("ops/prometheus/targets-scale.yml");
        for (var file : COMPOSE_FILES) {
            composeServices(file).forEach((name, service) -> {
                var module = moduleOf(name, service);
                var port = environment(service).get("HTTP_PORT");
                if (module == null || port == null) {
                    return;
                }
                assertThat(dockerfile(module)).as(module).contains("EXPOSE " + port);
                assertThat(targets).as("Prometheus scrapes " + name).contains("'" + name + ":" + port + "'");
            });
        }
    }

    @Test
    void shouldMountOnlyFilesThatExist() {
        for (var file : COMPOSE_FILES) {
            composeServices(file).forEach((name, service) -> {
                if (service.get("volumes") instanceof List<?> volumes) {
                    volumes.stream().map(String::valueOf).filter(v -> v.startsWith("./")).forEach(v -> {
                        var source = v.substring(2, v.indexOf(':'));
                        assertThat(ROOT.resolve(source)).as(file + ": " + name + " mounts " + source).exists();
                    });
                }
            });
        }
    }

    @Test
    void shouldProvisionTheGrafanaDashboardTheRepoShips() {
        Map<String, Object> grafana = composeServices("docker-compose.yml").get("grafana");
        assertThat(grafana.get("volumes").toString())
                .contains("./ops/grafana/rusvarsel-dashboard.json:/var/lib/grafana/dashboards/");
        assertThat(read("ops/grafana/provisioning/dashboards/rusvarsel.yml")).contains("path: /var/lib/grafana/dashboards");
        assertThat(read("ops/grafana/provisioning/datasources/prometheus.yml")).contains("url: http://prometheus:9090");
    }

    private static List<String> dockerfile(String module) {
        assertThat(Files.exists(ROOT.resolve(module).resolve("Dockerfile"))).as(module + "/Dockerfile").isTrue();
        // join continuation lines, drop comments
        var joined = read(module + "/Dockerfile").replace("\\\n", " ");
        return Arrays.stream(joined.split("\n")).map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    private static int lastIndexStartingWith(List<String> lines, String prefix) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no " + prefix + "line");
    }
}
