package no.rusvarsel.bench;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark's {@code --quick} run against a fresh dev stack built by the reactor: the report is produced and well
 * formed, and no process is left behind. The figures' values are not judged here (the machine is shared and noisy).
 */
class BenchQuickIT {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

    @Test
    @SuppressWarnings("unchecked")
    void quickRunWritesAWellFormedReportAndLeavesNothingRunning() throws Exception {
        for (var module : List.of("embedded-infra", "ingest-service", "analytics-service", "alert-service", "devstack")) {
            assertThat(ROOT.resolve(module + "/target/" + module + "-" + Stack.VERSION + ".jar"))
                    .as("built by the reactor before this test (bench comes after devstack)").isRegularFile();
        }
        Path out = Path.of("target/bench-quick").toAbsolutePath();
        Files.createDirectories(out);
        Files.deleteIfExists(out.resolve("report.json"));
        Files.deleteIfExists(out.resolve("report.md"));

        int code = new Bench(ROOT, out, Bench.Plan.quickPlan()).run();

        assertThat(code).as("the stack started").isZero();
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).map(p -> p.pid() + " "
                + p.info().commandLine().orElse("?")).toList()).as("processes left behind").isEmpty();

        var report = ObjectMapper.getDefault().readValue(Files.readAllBytes(out.resolve("report.json")),
                Argument.mapOf(String.class, Object.class));
        assertThat(report).containsKeys("machine", "figures", "notMeasured", "mode");
        assertThat((Map<String, Object>) report.get("machine")).containsKeys("cores", "memoryMiB", "os", "java", "versions");
        var figures = (List<Map<String, Object>>) report.get("figures");
        assertThat(figures).hasSizeGreaterThanOrEqualTo(12);
        // every figure of the table is there (measured, or with the reason it is not)
        assertThat(figures.stream().map(f -> (String) f.get("name"))).contains(
                "devstack cold start to all /health UP", "devstack total RSS when healthy",
                "detection quality: CRITICAL injected events found", "ingest records/s, 500-record JSON batches, 8 clients",
                SinglePostFigure.NAME, TopologyFigure.NAME, ReplayFigure.RATE_NAME, ReplayFigure.DROPPED_NAME,
                LatencyFigure.sseName(200), LatencyFigure.webhookName(200), LatencyFigure.sseName(1000), LatencyFigure.webhookName(1000));
        var md = Files.readString(out.resolve("report.md"));
        for (var f : figures) {
            assertThat(f).containsKeys("name", "unit", "statistic", "value", "min", "max", "baseline", "goal", "ratio", "pass");
            assertThat((String) f.get("name")).isNotBlank();
            assertThat((String) f.get("unit")).isNotBlank();
            assertThat((String) f.get("goal")).isNotBlank();
            if (f.get("value") == null) {
                assertThat(f.get("error")).as("a figure without a value says why: %s", f).isNotNull();
            } else {
                assertThat(f.get("value")).isInstanceOf(Number.class);
            }
            if (f.get("baseline") == null) {
                assertThat((String) f.get("baselineReason")).as("no baseline needs a reason: %s", f).isNotBlank();
            } else {
                assertThat((Map<String, Object>) f.get("baseline")).containsKeys("value", "median", "min", "max", "name");
            }
            assertThat(md).contains((String) f.get("name"));
        }
        assertThat(md).contains("## Machine", "## Figures", "## Not measured in this version");
    }
}
