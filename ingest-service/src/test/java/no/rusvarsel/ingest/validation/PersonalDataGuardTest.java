package no.rusvarsel.ingest.validation;

import no.rusvarsel.support.problem.FieldError;

import io.micronaut.json.tree.JsonNode;
import no.rusvarsel.contracts.signal.SourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static no.rusvarsel.contracts.signal.SourceType.DRUG_CHECKING;
import static no.rusvarsel.contracts.signal.SourceType.PATIENT_EVENT;
import static no.rusvarsel.ingest.validation.Fixtures.string;
import static no.rusvarsel.ingest.validation.Fixtures.valid;
import static no.rusvarsel.ingest.validation.Fixtures.with;
import static no.rusvarsel.ingest.validation.IdNumbers.dNumber;
import static no.rusvarsel.ingest.validation.IdNumbers.fodselsnummer;
import static no.rusvarsel.ingest.validation.IdNumbers.withCheckDigits;
import static no.rusvarsel.ingest.validation.IdNumbers.withWrongCheckDigit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class PersonalDataGuardTest {

    private static final String MESSAGE = "contains a national identity number or D-number; remove personal data";
    /** 15 May 1985: day ≥ 10, so the number keeps all 11 digits as a JSON number. */
    private static final String NUMBER = fodselsnummer(15, 5, 85, 100);

    @ParameterizedTest
    @EnumSource(SourceType.class)
    void shouldAcceptRecordsWithoutPersonalData(SourceType type) {
        assertThat(PersonalDataGuard.scan(0, valid(type))).isEmpty();
    }

    @Test
    void shouldRejectValidNumberInNotes() {
        // Given free text that mentions a person's number
        JsonNode record = with(valid(DRUG_CHECKING), "notes", string("Levert av pasient " + NUMBER + " i går"));

        // When the record is scanned
        var errors = PersonalDataGuard.scan(4, record);

        // Then the notes are refused, at the record's index
        assertThat(errors).containsExactly(new FieldError(4, "notes", MESSAGE));
    }

    @Test
    void shouldRejectNumberInNestedSubstanceName() {
        JsonNode record = with(valid(DRUG_CHECKING), "components[1].substance", string(NUMBER));
        assertThat(PersonalDataGuard.scan(0, record)).containsExactly(new FieldError(0, "components[1].substance", MESSAGE));
    }

    @Test
    void shouldRejectNumberInStringList() {
        JsonNode record = with(valid(PATIENT_EVENT), "suspectedSubstances[0]", string("heroin (" + NUMBER + ")"));
        assertThat(PersonalDataGuard.scan(0, record)).extracting(FieldError::field).containsExactly("suspectedSubstances[0]");
    }

    @Test
    void shouldRejectNumberSentAsJsonNumber() {
        // Given the number as a JSON number in a numeric field
        JsonNode record = with(valid(DRUG_CHECKING), "components[0].amountMg", NUMBER);

        // When the record is scanned / Then the field is refused
        assertThat(PersonalDataGuard.scan(0, record)).containsExactly(new FieldError(0, "components[0].amountMg", MESSAGE));
    }

    @Test
    void shouldRejectNumberWhoseLeadingZeroWasLostAsJsonNumber() {
        // Given a person born on the 3rd, sent as a JSON number: 10 digits remain
        String born3rd = fodselsnummer(3, 11, 99, 100);
        JsonNode record = with(valid(DRUG_CHECKING), "components[0].amountMg", born3rd.substring(1));

        // When the record is scanned / Then it is still found
        assertThat(PersonalDataGuard.scan(0, record)).extracting(FieldError::field).containsExactly("components[0].amountMg");
    }

    @Test
    void shouldRejectDNumber() {
        JsonNode record = with(valid(DRUG_CHECKING), "soldAs", string(dNumber(24, 12, 1)));
        assertThat(PersonalDataGuard.scan(0, record)).containsExactly(new FieldError(0, "soldAs", MESSAGE));
    }

    @ParameterizedTest
    @ValueSource(ints = {40, 80})
    void shouldRejectSyntheticTestNumbers(int monthOffset) {
        // Given a synthetic test id (month + 40 or + 80)
        String synthetic = fodselsnummer(9, 7 + monthOffset, 92, 100);
        JsonNode record = with(valid(DRUG_CHECKING), "notes", string(synthetic));

        // When the record is scanned / Then it is refused like a real one
        assertThat(PersonalDataGuard.scan(0, record)).extracting(FieldError::field).containsExactly("notes");
    }

    @ParameterizedTest
    @ValueSource(strings = {" ", ".", "\u00A0", "-"})
    void shouldRejectNumberWithSeparatorBetweenDateAndPersonalPart(String separator) {
        String written = NUMBER.substring(0, 6) + separator + NUMBER.substring(6);
        JsonNode record = with(valid(DRUG_CHECKING), "notes", string("fnr: " + written));
        assertThat(PersonalDataGuard.scan(0, record)).extracting(FieldError::field).containsExactly("notes");
    }

    @Test
    void shouldAcceptNumberWithWrongCheckDigit() {
        JsonNode record = with(valid(DRUG_CHECKING), "notes", string("lot " + withWrongCheckDigit(NUMBER)));
        assertThat(PersonalDataGuard.scan(0, record)).isEmpty();
    }

    @Test
    void shouldAcceptElevenValidDigitsInsideALongerNumber() {
        // Given a 13-digit batch number that contains a valid 11-digit run
        JsonNode record = with(valid(DRUG_CHECKING), "notes", string("batch 7" + NUMBER + "3"));

        // When the record is scanned / Then the longer number is no identity number
        assertThat(PersonalDataGuard.scan(0, record)).isEmpty();
    }

    @Test
    void shouldAcceptElevenDigitsWhoseDatePartIsNoDate() {
        // Given valid check digits around month 13 and day 00
        JsonNode record = with(valid(DRUG_CHECKING), "notes", string(withCheckDigits("151385", 100) + " " + withCheckDigits("000585", 100)));
        assertThat(PersonalDataGuard.scan(0, record)).isEmpty();
    }

    @Test
    void shouldAcceptSixAndFiveDigitsWithTwoSeparators() {
        String split = NUMBER.substring(0, 6) + "  " + NUMBER.substring(6);
        assertThat(PersonalDataGuard.scan(0, with(valid(DRUG_CHECKING), "notes", string(split)))).isEmpty();
    }

    @Test
    void shouldNeverRepeatTheDigitsInTheError() {
        // Given a number in a field name and in a value
        JsonNode record = with(valid(DRUG_CHECKING), NUMBER, string("x"));
        record = with(record, "notes", string(NUMBER));

        // When the record is scanned
        var errors = PersonalDataGuard.scan(0, record);

        // Then both are found, and no error holds any digit of the input
        assertThat(errors).hasSize(2).allSatisfy(e -> {
            assertThat(e.message()).doesNotContainPattern("[0-9]");
            assertThat(e.field()).doesNotContainPattern("[0-9]");
        });
    }

    @Test
    void shouldReportEachValueOnceInDocumentOrder() {
        JsonNode record = with(valid(DRUG_CHECKING), "notes", string(NUMBER + " og " + dNumber(5, 5, 5)));
        record = with(record, "components[0].substance", string(NUMBER));
        assertThat(PersonalDataGuard.scan(0, record)).extracting(FieldError::field)
                .containsExactly("notes", "components[0].substance");
    }

    @Test
    void shouldIgnoreBooleansNullsAndShortNumbers() {
        JsonNode record = JsonNode.createObjectNode(Map.of("a", JsonNode.createBooleanNode(true), "b", JsonNode.nullNode(),
                "c", JsonNode.createNumberNode(42), "d", JsonNode.createNumberNode(Double.POSITIVE_INFINITY), "e", JsonNode.createNumberNode(0.5)));
        assertThat(PersonalDataGuard.scan(0, record)).isEmpty();
    }

    @Test
    void shouldScanVeryDeepStructuresWithoutRecursion() {
        // Given a number at the bottom of 100,000 nested arrays
        JsonNode node = string(NUMBER);
        for (int i = 0; i < 100_000; i++) {
            node = JsonNode.createArrayNode(List.of(node));
        }
        JsonNode deep = node;

        // When it is scanned / Then it is found without a stack overflow
        assertThatCode(() -> PersonalDataGuard.scan(0, deep)).doesNotThrowAnyException();
        assertThat(PersonalDataGuard.scan(0, deep)).hasSize(1);
    }

    @Test
    void shouldKnowValidAndInvalidNumbers() {
        assertThat(PersonalDataGuard.isIdNumber(NUMBER)).isTrue();
        assertThat(PersonalDataGuard.isIdNumber(dNumber(31, 1, 70))).isTrue();
        assertThat(PersonalDataGuard.isIdNumber(withWrongCheckDigit(NUMBER))).isFalse();
        assertThat(PersonalDataGuard.isIdNumber(withCheckDigits("320185", 100))).isFalse();
        assertThat(PersonalDataGuard.isIdNumber("1234567890")).isFalse();
    }
}
