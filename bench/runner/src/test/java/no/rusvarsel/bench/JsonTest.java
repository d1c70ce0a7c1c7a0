package no.rusvarsel.bench;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonTest {

    @Test
    void shouldWriteTheReportAsJsonThatReadsBackWithNonFiniteNumbersAsNull() throws Exception {
        var figure = new LinkedHashMap<String, Object>();
        figure.put("name", "ingest \"records\"/s\n");
        figure.put("value", 1300.5);
        figure.put("ratio", Double.NaN);
        figure.put("reps", List.of(1, 2L, 3.25));
        figure.put("baseline", null);
        figure.put("met", true);

        var text = Json.write(Map.of("figures", List.of(figure)));
        Map<String, Object> back = ObjectMapper.getDefault().readValue(text, Argument.mapOf(String.class, Object.class));

        @SuppressWarnings("unchecked")
        var read = ((List<Map<String, Object>>) back.get("figures")).get(0);
        assertThat(read).containsEntry("name", "ingest \"records\"/s\n").containsEntry("met", true)
                .containsEntry("ratio", null).containsEntry("baseline", null);
        assertThat(((Number) read.get("value")).doubleValue()).isEqualTo(1300.5);
        assertThat(Arrays.toString(((List<?>) read.get("reps")).stream().map(n -> ((Number) n).doubleValue()).toArray()))
                .isEqualTo("[1.0, 2.0, 3.25]");
        assertThat(text).endsWith("\n").contains("\n  \"figures\"");
    }
}
