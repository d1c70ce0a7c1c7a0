package no.rusvarsel.ingest.validation;

import no.rusvarsel.support.problem.FieldError;

import io.micronaut.json.tree.JsonNode;
import no.rusvarsel.contracts.signal.SourceType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The example files in {@code ingest-service/examples/} import cleanly: what the README promises providers. */
class ExamplesTest {

    private static String example(SourceType type) throws IOException {
        Path file = Path.of("examples", type.path() + ".csv");
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(SourceType.class)
    void shouldImportExampleCsvWithoutAnyError(SourceType type) throws IOException {
        // Given the example file of the source type
        String csv = example(type);

        // When it is parsed, validated and scanned for personal data
        List<JsonNode> records = CsvSignals.parse(type, csv);
        var errors = new ArrayList<FieldError>();
        var validator = Fixtures.validator();
        for (int i = 0; i < records.size(); i++) {
            errors.addAll(validator.validate(type, i, records.get(i)));
            errors.addAll(PersonalDataGuard.scan(i, records.get(i)));
        }

        // Then there are several records and not a single error
        assertThat(records).hasSizeGreaterThanOrEqualTo(4);
        assertThat(errors).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = SourceType.class, names = "PATIENT_EVENT", mode = EnumSource.Mode.EXCLUDE)
    void shouldGroupSeveralResultsIntoOneRecordInEachExample(SourceType type) throws IOException {
        String itemsField = switch (type) {
            case WASTEWATER -> "measurements";
            case DRUG_CHECKING -> "components";
            case SEIZURE -> "items";
            case SYRINGE -> "detected";
            case PATIENT_EVENT -> throw new IllegalArgumentException();
        };
        var records = CsvSignals.parse(type, example(type));
        assertThat(records).anySatisfy(r -> assertThat(r.get(itemsField).size()).isGreaterThan(1));
    }
}
