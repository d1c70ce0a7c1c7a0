package no.rusvarsel.devstack;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's first code block holds the run command and the test command, and CI runs exactly the latter. */
class ReadmeCommandsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static List<String> firstCodeBlock() throws IOException {
        var readme = Files.readString(ROOT.resolve("README.md"));
        int start = readme.indexOf("```");
        int bodyStart = readme.indexOf('\n', start) + 1;
        int end = readme.indexOf("```", bodyStart);
        return Arrays.stream(readme.substring(bodyStart, end).split("\n")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    @Test
    void shouldHoldExactlyTheRunAndTheTestCommand() throws IOException {
        var commands = firstCodeBlock();

        assertThat(commands).hasSize(2);
        assertThat(commands.get(0)).startsWith("./devstack/run.sh");
        assertThat(ROOT.resolve(commands.get(0).split(" ")[0])).isExecutable();
        assertThat(commands.get(1)).startsWith("mvn").doesNotContain(" -q");
    }

    @Test
    void shouldRunTheReadmesTestCommandInCi() throws IOException {
        var testCommand = firstCodeBlock().get(1);
        var ci = Files.readAllLines(ROOT.resolve(".ci/run")).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();

        assertThat(ci).contains(testCommand);
        assertThat(ci).as("a failing test command fails CI").contains("set -euo pipefail");
        assertThat(ci.indexOf("set -euo pipefail")).isLessThan(ci.indexOf(testCommand));
    }
}
