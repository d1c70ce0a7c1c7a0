package no.rusvarsel.devstack;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DevStackOptionsTest {

    private static final Path DEFAULT_DATA = Path.of("/repo/.devstack/data");
    private static final Path CALLER = Path.of("/home/dev/somewhere");

    private static DevStackOptions parse(List<String> args, Map<String, String> env) {
        return DevStackOptions.parse(args, env, DEFAULT_DATA, CALLER);
    }

    @Test
    void defaults() {
        var o = parse(List.of(), Map.of());
        assertThat(o.fresh()).isFalse();
        assertThat(o.demo()).isFalse();
        assertThat(o.restart()).isTrue();
        assertThat(o.help()).isFalse();
        assertThat(o.dataDir()).isEqualTo(DEFAULT_DATA);
        assertThat(List.of(o.ingestPort(), o.analyticsPort(), o.alertsPort(), o.kafkaPort(), o.postgresPort()))
                .containsExactly(8081, 8082, 8083, 9092, 5432);
    }

    @Test
    void commandLineOverrides() {
        var o = parse(List.of("--fresh", "--demo", "--no-restart", "--data-dir", "/tmp/rv-dev", "--ingest-port", "18081",
                "--analytics-port=18082", "--alerts-port", "18083", "--kafka-port", "19092", "--postgres-port", "0"), Map.of());
        assertThat(o.fresh()).isTrue();
        assertThat(o.demo()).isTrue();
        assertThat(o.restart()).isFalse();
        assertThat(o.dataDir()).isEqualTo(Path.of("/tmp/rv-dev"));
        assertThat(List.of(o.ingestPort(), o.analyticsPort(), o.alertsPort(), o.kafkaPort(), o.postgresPort()))
                .containsExactly(18081, 18082, 18083, 19092, 0);
    }

    @Test
    void environmentGivesDefaultsAndTheCommandLineWins() {
        var env = Map.of("RUSVARSEL_INGEST_PORT", "28081", "RUSVARSEL_KAFKA_PORT", "29092", "RUSVARSEL_DEMO", "true",
                "RUSVARSEL_DATA_DIR", "/var/tmp/rv", "RUSVARSEL_NO_RESTART", "1");
        var fromEnv = parse(List.of(), env);
        assertThat(fromEnv.ingestPort()).isEqualTo(28081);
        assertThat(fromEnv.kafkaPort()).isEqualTo(29092);
        assertThat(fromEnv.analyticsPort()).isEqualTo(8082);
        assertThat(fromEnv.demo()).isTrue();
        assertThat(fromEnv.restart()).isFalse();
        assertThat(fromEnv.dataDir()).isEqualTo(Path.of("/var/tmp/rv"));

        var both = parse(List.of("--ingest-port", "38081"), env);
        assertThat(both.ingestPort()).isEqualTo(38081);
    }

    @Test
    void relativeDataDirIsResolvedAgainstTheCallersDirectory() {
        assertThat(parse(List.of("--data-dir", "data2"), Map.of()).dataDir()).isEqualTo(CALLER.resolve("data2"));
    }

    @Test
    void helpFlag() {
        assertThat(parse(List.of("--help"), Map.of()).help()).isTrue();
        assertThat(DevStackOptions.USAGE).contains("--fresh", "--demo", "--data-dir", "--ingest-port", "--no-restart");
    }

    @Test
    void shouldCompileWithC1OnlyUnlessFullJitIsAskedFor() {
        assertThat(parse(List.of(), Map.of()).fullJit()).isFalse();
        assertThat(parse(List.of("--full-jit"), Map.of()).fullJit()).isTrue();
        assertThat(parse(List.of(), Map.of("RUSVARSEL_FULL_JIT", "true")).fullJit()).isTrue();
        assertThat(parse(List.of("--full-jit=false"), Map.of("RUSVARSEL_FULL_JIT", "true")).fullJit()).isFalse();
        assertThat(StackCommands.service(Path.of("ingest-service.jar"), false)).contains(StackCommands.QUICK_START_JIT);
        assertThat(StackCommands.service(Path.of("ingest-service.jar"), true)).doesNotContain(StackCommands.QUICK_START_JIT);
    }

    @Test
    void unknownOptionIsAClearError() {
        assertThatThrownBy(() -> parse(List.of("--frsh"), Map.of()))
                .isInstanceOf(DevStackOptions.OptionsException.class)
                .hasMessageContaining("unknown option '--frsh'")
                .hasMessageContaining("--help");
        assertThatThrownBy(() -> parse(List.of("extra"), Map.of()))
                .isInstanceOf(DevStackOptions.OptionsException.class)
                .hasMessageContaining("unknown option 'extra'");
    }

    @Test
    void badValuesAreClearErrors() {
        assertThatThrownBy(() -> parse(List.of("--ingest-port", "http"), Map.of()))
                .hasMessageContaining("--ingest-port must be a port number");
        assertThatThrownBy(() -> parse(List.of("--kafka-port", "70000"), Map.of()))
                .hasMessageContaining("--kafka-port must be a port number");
        assertThatThrownBy(() -> parse(List.of("--data-dir"), Map.of()))
                .hasMessageContaining("--data-dir needs a value");
        assertThatThrownBy(() -> parse(List.of("--fresh=maybe"), Map.of()))
                .hasMessageContaining("takes no value");
        assertThatThrownBy(() -> parse(List.of(), Map.of("RUSVARSEL_POSTGRES_PORT", "x")))
                .hasMessageContaining("RUSVARSEL_POSTGRES_PORT");
    }

    @Test
    void portsAreDistinctAndSkipBusyOnes() {
        var o = parse(List.of("--ingest-port", "8081", "--analytics-port", "8081", "--alerts-port", "8083"), Map.of());
        var ports = Ports.choose(o, port -> port != 8083 && port != 9092);
        assertThat(ports.ingest()).isEqualTo(8081);
        assertThat(ports.analytics()).isEqualTo(8082);
        assertThat(ports.alerts()).isEqualTo(8084);
        assertThat(ports.kafka()).isEqualTo(9093);
        assertThat(ports.postgres()).isEqualTo(5432);
    }
}
