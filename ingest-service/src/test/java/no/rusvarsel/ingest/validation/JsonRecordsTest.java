package no.rusvarsel.ingest.validation;

import io.micronaut.json.tree.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class JsonRecordsTest {

    private static final String JSON = "application/json";
    private static final String NDJSON = "application/x-ndjson";

    private static List<JsonNode> parse(String mediaType, String body) {
        return JsonRecords.parse(mediaType, body.getBytes(StandardCharsets.UTF_8));
    }

    private static InputFormatException failure(String mediaType, String body) {
        return catchThrowableOfType(InputFormatException.class, () -> parse(mediaType, body));
    }

    @Test
    void shouldReadSingleObjectAsOneRecord() {
        // Given one JSON object
        String body = "{\"externalId\":\"a\",\"count\":3}";

        // When it is parsed
        var records = parse(JSON, body);

        // Then it is one record with its values
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.get("externalId").getStringValue()).isEqualTo("a");
            assertThat(r.get("count").getIntValue()).isEqualTo(3);
        });
    }

    @Test
    void shouldReadArrayElementsAsRecordsKeepingNonObjectsForTheValidator() {
        // Given an array holding two objects and a string
        String body = "[{\"externalId\":\"a\"}, \"oops\", {\"externalId\":\"b\"}]";

        // When it is parsed
        var records = parse(JSON, body);

        // Then all three come back in order; the string is for the validator to refuse at index 1
        assertThat(records).hasSize(3);
        assertThat(records.get(0).get("externalId").getStringValue()).isEqualTo("a");
        assertThat(records.get(1).isString()).isTrue();
        assertThat(records.get(2).get("externalId").getStringValue()).isEqualTo("b");
    }

    @Test
    void shouldAcceptMediaTypeWithCharsetAndByteOrderMark() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] json = "{\"notes\":\"blåbær\"}".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[bom.length + json.length];
        System.arraycopy(bom, 0, body, 0, 3);
        System.arraycopy(json, 0, body, 3, json.length);

        var records = JsonRecords.parse("application/json; charset=UTF-8", body);

        assertThat(records).singleElement().satisfies(r -> assertThat(r.get("notes").getStringValue()).isEqualTo("blåbær"));
    }

    @Test
    void shouldReadOneNdjsonValuePerNonEmptyLine() {
        // Given NDJSON with CRLF endings, a blank line and a non-object line
        String body = "{\"externalId\":\"a\"}\r\n\r\n{\"externalId\":\"b\"}\n42\n";

        // When it is parsed
        var records = parse(NDJSON, body);

        // Then each non-empty line is one record
        assertThat(records).hasSize(3);
        assertThat(records.get(1).get("externalId").getStringValue()).isEqualTo("b");
        assertThat(records.get(2).isNumber()).isTrue();
    }

    @Test
    void shouldLocateMalformedJsonByLineAndColumn() {
        // Given a missing comma on line 3
        String body = "{\n  \"externalId\": \"a\",\n  \"region\": \"0301\" \"observedAt\": \"2025-01-01\"\n}";

        // When it is parsed
        var e = failure(JSON, body);

        // Then the place is line 3, column 20, where the unexpected string starts
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(20);
        assertThat(e.getMessage()).startsWith("line 3, column 20: malformed JSON:");
    }

    @Test
    void shouldLocateMalformedNdjsonByItsLineInTheBody() {
        // Given a broken third line
        String body = "{\"a\":1}\n{\"a\":2}\n{\"a\":tru}\n{\"a\":4}\n";

        // When it is parsed
        var e = failure(NDJSON, body);

        // Then the NDJSON line is named
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   \n ", "[]", " [ ] "})
    void shouldRejectBodyWithoutRecords(String body) {
        assertThat(failure(JSON, body).reason()).isEqualTo("no records");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n\n", " \r\n\t\n"})
    void shouldRejectNdjsonWithoutRecords(String body) {
        assertThat(failure(NDJSON, body).reason()).isEqualTo("no records");
    }

    @Test
    void shouldRejectMoreRecordsThanTheLimitNamingIt() {
        // Given four records and a limit of three, as array and as NDJSON
        String array = "[{},{},{},{}]";
        String lines = "{}\n{}\n{}\n{}\n";

        // When they are parsed
        var fromArray = catchThrowableOfType(InputFormatException.class,
                () -> JsonRecords.parse(JSON, array.getBytes(StandardCharsets.UTF_8), 3));
        var fromLines = catchThrowableOfType(InputFormatException.class,
                () -> JsonRecords.parse(NDJSON, lines.getBytes(StandardCharsets.UTF_8), 3));

        // Then the limit is told, and where it was passed
        assertThat(fromArray.reason()).contains("at most 3 per request");
        assertThat(fromArray.column()).isEqualTo(11);
        assertThat(fromLines.reason()).contains("at most 3 per request");
        assertThat(fromLines.line()).isEqualTo(4);
    }

    @Test
    void shouldAcceptExactlyTheLimit() {
        assertThat(JsonRecords.parse(JSON, "[{},{},{}]".getBytes(StandardCharsets.UTF_8), 3)).hasSize(3);
    }

    @Test
    void shouldRejectDeeplyNestedInputCleanly() {
        // Given 10,000 nested arrays, as a body and as an NDJSON line
        String deep = "[".repeat(10_000) + "]".repeat(10_000);

        // When they are parsed / Then a clean format error comes back, not a StackOverflowError
        assertThatThrownBy(() -> parse(JSON, deep)).isInstanceOf(InputFormatException.class)
                .hasMessageContaining("nested too deeply");
        assertThatThrownBy(() -> parse(NDJSON, "{}\n" + deep)).isInstanceOf(InputFormatException.class)
                .satisfies(e -> assertThat(((InputFormatException) e).line()).isEqualTo(2));
    }

    @Test
    void shouldRejectDuplicateKeys() {
        var e = failure(JSON, "{\"count\":1,\"count\":500}");
        assertThat(e.reason()).contains("Duplicate field 'count'");
        assertThat(e.line()).isEqualTo(1);
    }

    @Test
    void shouldRejectContentAfterTheJsonValue() {
        // Given two objects on one NDJSON line, and garbage after a JSON body
        var ndjson = failure(NDJSON, "{\"a\":1}\n{\"a\":2} {\"a\":3}\n");
        var json = failure(JSON, "{\"a\":1}\n]");

        // Then neither is silently cut short
        assertThat(ndjson.line()).isEqualTo(2);
        assertThat(ndjson.column()).isEqualTo(9);
        assertThat(ndjson.reason()).startsWith("unexpected content after the JSON value");
        assertThat(json.line()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"42", "\"record\"", "null", "true"})
    void shouldRejectJsonBodyThatIsNeitherObjectNorArray(String body) {
        assertThat(failure(JSON, body).reason()).isEqualTo("the body must be a JSON object or an array of JSON objects");
    }

    @Test
    void shouldRejectNonNumericNumbers() {
        assertThat(failure(JSON, "{\"amountMg\": NaN}").reason()).startsWith("malformed JSON:");
    }

    @Test
    void shouldNotRepeatLongDigitRunsOfTheInputInTheMessage() {
        var e = failure(JSON, "{\"notes\": 15058512345x}");
        assertThat(e.getMessage()).doesNotContain("15058512345");
    }

    @Test
    void shouldRejectInvalidUtf8WithItsPlace() {
        byte[] latin1 = "{\"notes\":\"bl\u00e5b\u00e6r\"}".getBytes(StandardCharsets.ISO_8859_1);
        var e = catchThrowableOfType(InputFormatException.class, () -> JsonRecords.parse(JSON, latin1));
        assertThat(e.reason()).startsWith("malformed JSON:");
        assertThat(e.line()).isEqualTo(1);
    }

    @Test
    void shouldRefuseOtherMediaTypes() {
        assertThatThrownBy(() -> parse("text/plain", "{}")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldKeepLargeNumbersForTheValidatorToRefuse() {
        // Given numbers beyond double and long
        var record = parse(JSON, "{\"a\":1e400,\"b\":123456789012345678901234567890}").get(0);

        // Then they are read, not thrown at, and the validator sees them as numbers
        assertThat(record.get("a").isNumber()).isTrue();
        assertThat(record.get("b").isNumber()).isTrue();
    }
}
