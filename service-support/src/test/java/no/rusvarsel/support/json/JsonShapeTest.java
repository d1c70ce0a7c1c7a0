package no.rusvarsel.support.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.annotation.Serdeable;
import no.rusvarsel.support.problem.FieldError;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Found by the hostile-input suite (issue 9): serde ignored content after the body and coerced values between types. */
class JsonShapeTest {

    enum Colour { RED }

    @Serdeable
    record Inner(@Nullable Double amount, @Nullable Map<String, Integer> counts) {
    }

    @Serdeable
    record Body(@Nullable String name, @Nullable Integer minutes, @Nullable Long big, @Nullable Boolean on,
                @Nullable List<String> regions, @Nullable Colour colour, @JsonProperty("class") @Nullable String kind,
                @Nullable Inner inner, @Nullable Object anything) {
    }

    private static List<FieldError> check(String json) {
        return JsonShape.check(json.getBytes(StandardCharsets.UTF_8), Argument.of(Body.class));
    }

    @Test
    void shouldAcceptABodyOfTheRightShapeWithNullsAndUnknownFieldsLeftToTheController() {
        assertThat(check("""
                 {"name":"x","minutes":60,"big":9007199254740993,"on":true,"regions":["46"],"colour":"RED","class":"k",
                  "inner":{"amount":2.5,"counts":{"a":1}},"anything":[{"x":1}],"unknown":[1],"name2":null}  \n""")).isEmpty();
        assertThat(check("{\"name\":null,\"minutes\":null,\"regions\":null,\"inner\":null}")).isEmpty();
        assertThat(check("")).isEmpty();
        assertThat(check("  \n")).isEmpty();
        assertThat(JsonShape.applies(Argument.of(Body.class))).isTrue();
        assertThat(JsonShape.applies(Argument.of(byte[].class))).isFalse();
        assertThat(JsonShape.applies(Argument.of(String.class))).isFalse();
    }

    @Test
    void shouldRejectContentAfterTheJsonValue() {
        for (var body : List.of("{\"name\":\"x\"} {\"name\":\"y\"}", "{\"name\":\"x\"}]", "{\"name\":\"x\"}garbage", "{} 1",
                "{\"name\":\"x\"}\n{\"name\":\"y\"}")) {
            var errors = check(body);
            assertThat(errors).as(body).singleElement().satisfies(e -> {
                assertThat(e.field()).isEmpty();
                assertThat(e.message()).startsWith("has content after its JSON value at line ").endsWith("a body is exactly one JSON value");
            });
        }
        assertThat(check("{\"name\":\"x\"}\n\n{}").get(0).message()).contains("at line 3, column 1:");
        assertThat(check("{\"name\":\"x\"}\n\nx").get(0).message()).contains("at line 3, column ");
    }

    @Test
    void shouldRejectASingleElementArrayOrANumberWhereAStringBelongsNamingTheField() {
        assertThat(check("{\"name\":[1]}")).containsExactly(new FieldError(0, "name", "must be a string"));
        assertThat(check("{\"name\":[\"x\"]}")).containsExactly(new FieldError(0, "name", "must be a string"));
        assertThat(check("{\"name\":1}")).containsExactly(new FieldError(0, "name", "must be a string"));
        assertThat(check("{\"name\":{}}")).containsExactly(new FieldError(0, "name", "must be a string"));
        assertThat(check("{\"colour\":7}")).containsExactly(new FieldError(0, "colour", "must be a string"));
        assertThat(check("{\"class\":true}")).containsExactly(new FieldError(0, "class", "must be a string"));
        assertThat(check("{\"regions\":[\"46\",3,[\"x\"]]}")).containsExactly(
                new FieldError(0, "regions[1]", "must be a string"), new FieldError(0, "regions[2]", "must be a string"));
        assertThat(check("{\"regions\":\"46\"}")).containsExactly(new FieldError(0, "regions", "must be a list"));
    }

    @Test
    void shouldRejectAFractionOrTextWhereAWholeNumberBelongs() {
        assertThat(check("{\"minutes\":2.5}")).containsExactly(new FieldError(0, "minutes", "must be a whole number"));
        assertThat(check("{\"minutes\":2.0}")).containsExactly(new FieldError(0, "minutes", "must be a whole number"));
        assertThat(check("{\"minutes\":1e3}")).containsExactly(new FieldError(0, "minutes", "must be a whole number"));
        assertThat(check("{\"minutes\":\"5\"}")).containsExactly(new FieldError(0, "minutes", "must be a whole number"));
        assertThat(check("{\"minutes\":[5]}")).containsExactly(new FieldError(0, "minutes", "must be a whole number"));
        assertThat(check("{\"minutes\":2147483648}")).containsExactly(
                new FieldError(0, "minutes", "must be a whole number from -2147483648 to 2147483647"));
        assertThat(check("{\"big\":" + "9".repeat(400) + "}")).extracting(FieldError::field).containsExactly("big");
        assertThat(check("{\"minutes\":-2147483648,\"big\":-9223372036854775808}")).isEmpty();
    }

    @Test
    void shouldRejectOtherCoercionsAndNonFiniteNumbersInNestedObjects() {
        assertThat(check("{\"on\":\"true\"}")).containsExactly(new FieldError(0, "on", "must be true or false"));
        assertThat(check("{\"on\":1}")).containsExactly(new FieldError(0, "on", "must be true or false"));
        assertThat(check("{\"inner\":{\"amount\":\"2.5\"}}")).containsExactly(new FieldError(0, "inner.amount", "must be a number"));
        assertThat(check("{\"inner\":{\"amount\":1e999999}}")).containsExactly(new FieldError(0, "inner.amount", "must be a finite number"));
        assertThat(check("{\"inner\":{\"counts\":{\"a\":1.5}}}")).containsExactly(new FieldError(0, "inner.counts.a", "must be a whole number"));
        assertThat(check("{\"inner\":[]}")).containsExactly(new FieldError(0, "inner", "must be an object"));
        assertThat(check("[]")).containsExactly(new FieldError(0, "", "must be an object"));
    }

    @Test
    void shouldRejectAFieldThatAppearsTwice() {
        assertThat(check("{\"name\":\"a\",\"name\":\"b\"}")).containsExactly(new FieldError(0, "name", "appears more than once"));
    }

    @Test
    void shouldReportMalformedJsonByPlaceWithoutRepeatingIt() {
        var errors = check("{\"name\":\"12345678901\" oops}");
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.field()).isEmpty();
            assertThat(e.message()).startsWith("is not valid JSON at line 1, column ").doesNotContain("oops").doesNotContain("12345678901");
        });
        assertThat(check("{\"name\":" + "[".repeat(5000) + "]".repeat(5000) + "}")).extracting(FieldError::field).containsExactly("");
    }
}
