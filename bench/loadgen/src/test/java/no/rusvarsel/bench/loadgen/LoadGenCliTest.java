package no.rusvarsel.bench.loadgen;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoadGenCliTest {

    private static final LocalDate TODAY = LocalDate.of(2025, 3, 31);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return LoadGenCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), TODAY);
    }

    @Test
    void shouldWriteNdjsonAndTheGroundTruthOnADryRun(@TempDir Path dir) throws Exception {
        int code = run("--dry-run", "--days", "30", "--scale", "100", "--counties", "03,46,50", "--inject", "overdose-cluster:46:20",
                "--inject", "nitazene-appearing:03:15:isotonitazene:oxycodone", "--ground-truth", dir.resolve("truth.json").toString(),
                "--out", dir.resolve("signals.ndjson").toString());

        assertThat(code).isZero();
        var lines = Files.readAllLines(dir.resolve("signals.ndjson"));
        assertThat(lines).hasSizeGreaterThan(30 * 25);
        var first = ObjectMapper.getDefault().readValue(lines.get(0), Argument.mapOf(String.class, Object.class));
        assertThat(first).containsOnlyKeys("sourceType", "provider", "arrivalDay", "record");
        assertThat(first.get("arrivalDay")).isEqualTo("2025-03-02");
        var truth = ObjectMapper.getDefault().readValue(Files.readString(dir.resolve("truth.json")), GroundTruth.class);
        assertThat(truth.counties()).containsExactly("03", "46", "50");
        assertThat(truth.quietCounties()).containsExactly("50");
        assertThat(truth.events()).extracting(GroundTruth.Event::kind).containsExactly("OVERDOSE_CLUSTER", "NITAZENE_APPEARING");
        assertThat(truth.events().get(1).substance()).isEqualTo("isotonitazene");
        assertThat(new String(err.toByteArray(), StandardCharsets.UTF_8)).contains("records/s");
    }

    @Test
    void shouldExplainWrongOptions() {
        assertThatThrownBy(() -> run("--dayz", "3")).hasMessageContaining("unknown option '--dayz'");
        assertThatThrownBy(() -> run("--days")).hasMessageContaining("--days needs a value");
        assertThatThrownBy(() -> run("--days", "many")).hasMessageContaining("--days must be a whole number");
        assertThatThrownBy(() -> run("--rate", "fast")).hasMessageContaining("--rate must be a number ≥ 0 or max");
        assertThatThrownBy(() -> run("--inject", "flood:03:3")).hasMessageContaining("unknown injection kind 'flood'");
        assertThatThrownBy(() -> run("--inject", "overdose-cluster:03")).hasMessageContaining("kind:county:day");
        assertThatThrownBy(() -> run("--dry-run", "--inject", "overdose-cluster:03:2")).hasMessageContaining("needs 11 days of history");
        assertThatThrownBy(() -> run("--start", "2025-03-30", "--days", "5", "--keys-file", "x.json"))
                .hasMessageContaining("is in the future");
        assertThatThrownBy(() -> run("--days", "5")).hasMessageContaining("--keys-file is required");
    }

    @Test
    void shouldTakeTheDevStacksCredentialsFileAsKeys(@TempDir Path dir) throws Exception {
        var file = dir.resolve("credentials.json");
        Files.writeString(file, "{\"urls\":{\"ingest\":\"http://127.0.0.1:18081\"},\"providers\":{\"wastewater\":\"rv_a\",\"drug-checking\":\"rv_b\","
                + "\"seizure\":\"rv_c\",\"patient-event\":\"rv_d\",\"syringe\":\"rv_e\"},\"tokens\":{}}");

        var keys = ProviderKeys.read(file);

        assertThat(keys.missing()).isEmpty();
        assertThat(keys.ingestUrl()).contains("http://127.0.0.1:18081");
        assertThat(keys.keyFor("seizure", no.rusvarsel.contracts.signal.SourceType.SEIZURE)).contains("rv_c");
        Files.writeString(file, "{\"wastewater\":\"rv_a\"}");
        assertThat(ProviderKeys.read(file).missing()).hasSize(4);
        Files.writeString(file, "{\"providers\":{}}");
        assertThatThrownBy(() -> ProviderKeys.read(file)).hasMessageContaining("has no API keys");
    }

    @Test
    void shouldPrintUsage() {
        assertThat(run("--help")).isZero();
        assertThat(new String(out.toByteArray(), StandardCharsets.UTF_8)).contains("--ingest-url", "--keys-file", "--rate N|max",
                "--dry-run", "--ground-truth", "nitazene-appearing");
    }

    @Test
    void shouldParseTheOptionsIntoAScenario() {
        var options = LoadGenCli.parse(java.util.List.of("--days=60", "--scale", "500", "--seed", "42", "--rate", "200", "--clients", "8",
                "--batch", "500", "--id-prefix", "run1"), TODAY);

        assertThat(options.scenario().start()).isEqualTo(LocalDate.of(2025, 1, 31));
        assertThat(options.scenario().end()).isEqualTo(TODAY);
        assertThat(options.scenario().injections()).hasSize(6);
        assertThat(options.rate()).isEqualTo(200);
        assertThat(options.clients()).isEqualTo(8);
        assertThat(options.batch()).isEqualTo(500);
        assertThat(Map.of("seed", options.scenario().seed(), "prefix", options.scenario().idPrefix()))
                .containsEntry("seed", 42L).containsEntry("prefix", "run1");
    }
}
