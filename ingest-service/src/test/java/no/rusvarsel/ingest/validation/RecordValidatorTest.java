package no.rusvarsel.ingest.validation;

import no.rusvarsel.support.problem.FieldError;

import io.micronaut.json.tree.JsonNode;
import no.rusvarsel.contracts.signal.SourceType;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static no.rusvarsel.contracts.signal.SourceType.DRUG_CHECKING;
import static no.rusvarsel.contracts.signal.SourceType.PATIENT_EVENT;
import static no.rusvarsel.contracts.signal.SourceType.SEIZURE;
import static no.rusvarsel.contracts.signal.SourceType.SYRINGE;
import static no.rusvarsel.contracts.signal.SourceType.WASTEWATER;
import static no.rusvarsel.ingest.validation.Fixtures.arrayOf;
import static no.rusvarsel.ingest.validation.Fixtures.json;
import static no.rusvarsel.ingest.validation.Fixtures.string;
import static no.rusvarsel.ingest.validation.Fixtures.valid;
import static no.rusvarsel.ingest.validation.Fixtures.with;
import static no.rusvarsel.ingest.validation.Fixtures.without;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class RecordValidatorTest {

    private final RecordValidator validator = Fixtures.validator();

    private List<FieldError> validate(SourceType type, JsonNode record) {
        return validator.validate(type, 0, record);
    }

    @ParameterizedTest
    @EnumSource(SourceType.class)
    void shouldAcceptValidRecordOfEverySourceType(SourceType type) {
        // Given a complete, correct record
        JsonNode record = valid(type);

        // When it is validated
        var errors = validate(type, record);

        // Then nothing is wrong
        assertThat(errors).isEmpty();
    }

    @Nested
    class WholeRecord {

        @ParameterizedTest
        @ValueSource(strings = {"[]", "\"a record\"", "42", "null", "true"})
        void shouldRejectRecordThatIsNotAnObjectAsAWhole(String notAnObject) {
            // Given a record that is not a JSON object
            JsonNode record = json(notAnObject);

            // When it is validated
            var errors = validator.validate(DRUG_CHECKING, 7, record);

            // Then one error names the whole record (field "") at its index
            assertThat(errors).containsExactly(new FieldError(7, "", "must be a JSON object"));
        }

        @Test
        void shouldReportEveryMissingRequiredFieldAtOnce() {
            // Given an empty drug-checking record
            JsonNode record = json("{}");

            // When it is validated
            var errors = validate(DRUG_CHECKING, record);

            // Then every required field is named, not only the first
            assertThat(errors).extracting(FieldError::field, FieldError::message).containsExactly(
                    tuple("externalId", "is required"),
                    tuple("region", "is required"),
                    tuple("observedAt", "is required"),
                    tuple("form", "is required"),
                    tuple("method", "is required"),
                    tuple("confirmed", "is required"),
                    tuple("components", "is required"));
        }

        @Test
        void shouldReportEveryErrorOfOneRecordAcrossLevels() {
            // Given a record with four unrelated mistakes, two of them in items
            JsonNode record = valid(DRUG_CHECKING);
            record = with(record, "region", string("9999"));
            record = with(record, "form", string("PILL"));
            record = with(record, "components[0].amountMg", "-1");
            record = with(record, "components[1].purityPercent", "101");

            // When it is validated
            var errors = validate(DRUG_CHECKING, record);

            // Then all four are reported
            assertThat(errors).extracting(FieldError::field).containsExactly(
                    "region", "form", "components[0].amountMg", "components[1].purityPercent");
        }

        @Test
        void shouldCarryTheRecordIndexOfTheRequest() {
            // Given an invalid record that is the fourth of a request
            JsonNode record = without(valid(SYRINGE), "siteId");

            // When it is validated as index 3
            var errors = validator.validate(SYRINGE, 3, record);

            // Then the error carries index 3
            assertThat(errors).containsExactly(new FieldError(3, "siteId", "is required"));
        }

        @Test
        void shouldTreatNullAsAbsent() {
            // Given an optional field and a required field that are both null
            JsonNode record = with(valid(DRUG_CHECKING), "notes", "null");
            record = with(record, "externalId", "null");

            // When it is validated
            var errors = validate(DRUG_CHECKING, record);

            // Then the optional one is fine and the required one is missing
            assertThat(errors).containsExactly(new FieldError(0, "externalId", "is required"));
        }
    }

    @Nested
    class UnknownFields {

        @Test
        void shouldRejectUnknownFieldNamingTheSourceType() {
            // Given a drug-checking record with a field the contract does not have
            JsonNode record = with(valid(DRUG_CHECKING), "patientName", string("Ola"));

            // When it is validated
            var errors = validate(DRUG_CHECKING, record);

            // Then the field is refused as unknown
            assertThat(errors).containsExactly(
                    new FieldError(0, "patientName", "unknown field: not part of the drug-checking record"));
        }

        @Test
        void shouldRejectTypeFieldAsUnknown() {
            // Given a record that names its own type, as an envelope would
            JsonNode record = with(valid(SEIZURE), "type", string("seizure"));

            // When it is validated
            var errors = validate(SEIZURE, record);

            // Then "type" is unknown: the type is the path of the request
            assertThat(errors).containsExactly(new FieldError(0, "type", "unknown field: not part of the seizure record"));
        }

        @Test
        void shouldRejectUnknownFieldInNestedItemWithItsPath() {
            // Given a component with an extra field
            JsonNode record = with(valid(DRUG_CHECKING), "components[1].colour", string("pink"));

            // When it is validated
            var errors = validate(DRUG_CHECKING, record);

            // Then the path points into the component
            assertThat(errors).containsExactly(
                    new FieldError(0, "components[1].colour", "unknown field: not part of a drug-checking component"));
        }

        @Test
        void shouldSuggestTheKnownFieldForAMisspelledName() {
            // Given a component field written in snake case
            JsonNode record = without(valid(DRUG_CHECKING), "components[0].amountMg");
            record = with(record, "components[0].amount_mg", "187.5");

            // When it is validated
            var errors = validate(DRUG_CHECKING, record);

            // Then the message says which field was meant
            assertThat(errors).extracting(FieldError::field, FieldError::message).containsExactly(
                    tuple("components[0].amount_mg", "unknown field: not part of a drug-checking component (did you mean amountMg?)"));
        }

        @Test
        void shouldNotEchoAnUnknownFieldNameThatIsNotAPlainName() {
            // Given an unknown field whose name is a long number and one with a control character
            JsonNode record = with(valid(PATIENT_EVENT), "15058512345", string("x"));
            record = with(record, "bad\u001bname", string("y"));

            // When it is validated
            var errors = validate(PATIENT_EVENT, record);

            // Then neither name appears in the error
            assertThat(errors).hasSize(2).allSatisfy(e -> {
                assertThat(e.field()).isEqualTo("(name hidden)");
                assertThat(e.message()).startsWith("unknown field: not part of the patient-event record")
                        .doesNotContain("15058512345");
            });
        }
    }

    @Nested
    class Strings {

        @Test
        void shouldRejectExternalIdOutside1To128Characters() {
            // Given an empty and a 129-character externalId
            JsonNode empty = with(valid(SYRINGE), "externalId", string(""));
            JsonNode tooLong = with(valid(SYRINGE), "externalId", string("x".repeat(129)));

            // When they are validated
            // Then both get the same length message
            assertThat(validate(SYRINGE, empty)).containsExactly(new FieldError(0, "externalId", "must have 1 to 128 characters"));
            assertThat(validate(SYRINGE, tooLong)).containsExactly(new FieldError(0, "externalId", "must have 1 to 128 characters"));
        }

        @Test
        void shouldAcceptExternalIdOfExactly128CharactersCountingCodePoints() {
            // Given 128 characters, some outside the Basic Multilingual Plane (two chars each in Java)
            JsonNode record = with(valid(SYRINGE), "externalId", string("\uD83E\uDDEA".repeat(8) + "x".repeat(120)));

            // When it is validated / Then it is fine
            assertThat(validate(SYRINGE, record)).isEmpty();
        }

        @Test
        void shouldRejectBlankSubstance() {
            // Given a substance of only spaces
            JsonNode record = with(valid(SEIZURE), "items[0].substance", string("   "));

            // When it is validated
            var errors = validate(SEIZURE, record);

            // Then it is refused as blank
            assertThat(errors).containsExactly(new FieldError(0, "items[0].substance", "must not be blank"));
        }

        @Test
        void shouldRejectNotesLongerThan2000Characters() {
            // Given notes of 2001 characters
            JsonNode record = with(valid(DRUG_CHECKING), "notes", string("a".repeat(2001)));

            // When it is validated
            var errors = validate(DRUG_CHECKING, record);

            // Then the limit is named
            assertThat(errors).containsExactly(new FieldError(0, "notes", "must have at most 2000 characters"));
        }

        @Test
        void shouldRejectNumberWhereAStringIsExpected() {
            // Given a siteId sent as a number
            JsonNode record = with(valid(WASTEWATER), "siteId", "17");

            // When it is validated
            var errors = validate(WASTEWATER, record);

            // Then a string is asked for
            assertThat(errors).containsExactly(new FieldError(0, "siteId", "must be a string"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"\u0000", "\u001b[31m", "\u0007", "\u007f", "\u0085", "line\rbreak"})
        void shouldRejectControlCharactersInText(String control) {
            // Given notes holding a control character (a lone carriage return counts)
            JsonNode record = with(valid(DRUG_CHECKING), "notes", string("funnet " + control + " i pose"));

            // When it is validated
            var errors = validate(DRUG_CHECKING, record);

            // Then the notes are refused
            assertThat(errors).containsExactly(new FieldError(0, "notes",
                    "must not contain control characters (only tab and line breaks are allowed)"));
        }

        @Test
        void shouldAcceptTabsAndLineBreaksInText() {
            // Given notes with tab, LF and CRLF
            JsonNode record = with(valid(DRUG_CHECKING), "notes", string("linje 1\nlinje 2\r\n\tinnrykket"));

            // When it is validated / Then it is fine
            assertThat(validate(DRUG_CHECKING, record)).isEmpty();
        }

        @Test
        void shouldRejectControlCharactersInNestedSubstanceNames() {
            // Given a control character in a list of substance names
            JsonNode record = with(valid(PATIENT_EVENT), "suspectedSubstances[1]", string("iso\u0000tonitazen"));

            // When it is validated
            var errors = validate(PATIENT_EVENT, record);

            // Then the element is named
            assertThat(errors).extracting(FieldError::field).containsExactly("suspectedSubstances[1]");
        }
    }

    @Nested
    class Numbers {

        @Test
        void shouldRejectNegativeAmountWithFieldPath() {
            // Given a negative amount in the first component
            JsonNode record = with(valid(DRUG_CHECKING), "components[0].amountMg", "-5");

            // When it is validated
            var errors = validate(DRUG_CHECKING, record);

            // Then the exact path and bound are given
            assertThat(errors).containsExactly(new FieldError(0, "components[0].amountMg", "must be ≥ 0"));
        }

        @Test
        void shouldRejectPurityAbove100Percent() {
            // Given a purity of 100.5 %
            JsonNode record = with(valid(SEIZURE), "items[0].purityPercent", "100.5");

            // When it is validated
            var errors = validate(SEIZURE, record);

            // Then the upper bound is named
            assertThat(errors).containsExactly(new FieldError(0, "items[0].purityPercent", "must be ≤ 100"));
        }

        @Test
        void shouldRejectNumberGivenAsString() {
            // Given a concentration in quotes
            JsonNode record = with(valid(WASTEWATER), "measurements[1].concentrationNgPerL", string("12.5"));

            // When it is validated
            var errors = validate(WASTEWATER, record);

            // Then a number is asked for
            assertThat(errors).containsExactly(new FieldError(0, "measurements[1].concentrationNgPerL", "must be a number"));
        }

        @Test
        void shouldRejectNumberTooLargeForADoubleWithoutException() {
            // Given 1e400, which a JSON parser reads as infinity
            JsonNode record = with(valid(DRUG_CHECKING), "components[0].amountMg", "1e400");

            // When it is validated
            var errors = validate(DRUG_CHECKING, record);

            // Then it is refused with a clear message
            assertThat(errors).containsExactly(new FieldError(0, "components[0].amountMg", "must be a finite number"));
        }

        @Test
        void shouldRejectHugeNumbersWhereACountIsExpected() {
            // Given absurdly large counts: a long, a double and a big integer
            JsonNode record = with(valid(WASTEWATER), "populationServed", "10000000000000");
            JsonNode big = with(valid(SYRINGE), "syringeCount", "123456789012345678901234567890");
            JsonNode count = with(valid(PATIENT_EVENT), "count", "1e13");

            // When they are validated
            // Then each is refused with the bound, never an exception
            assertThat(validate(WASTEWATER, record)).containsExactly(
                    new FieldError(0, "populationServed", "must be ≤ 20000000"));
            assertThat(validate(SYRINGE, big)).containsExactly(new FieldError(0, "syringeCount", "must be ≤ 1000000"));
            assertThat(validate(PATIENT_EVENT, count)).containsExactly(new FieldError(0, "count", "must be ≤ 100000"));
        }

        @Test
        void shouldRejectFractionalValueWhereAWholeNumberIsExpected() {
            // Given 2.5 patients
            JsonNode record = with(valid(PATIENT_EVENT), "count", "2.5");

            // When it is validated
            var errors = validate(PATIENT_EVENT, record);

            // Then a whole number is asked for
            assertThat(errors).containsExactly(new FieldError(0, "count", "must be a whole number"));
        }

        @Test
        void shouldAcceptWholeNumberWrittenWithDecimals() {
            // Given a count of 3.0
            JsonNode record = with(valid(PATIENT_EVENT), "count", "3.0");

            // When it is validated / Then it counts as 3
            assertThat(validate(PATIENT_EVENT, record)).isEmpty();
        }

        @Test
        void shouldRejectCountBelowOneAndAboveTheLimit() {
            // Given counts of 0 and 100001
            JsonNode zero = with(valid(PATIENT_EVENT), "count", "0");
            JsonNode tooMany = with(valid(PATIENT_EVENT), "count", "100001");

            // When they are validated / Then both bounds are enforced
            assertThat(validate(PATIENT_EVENT, zero)).containsExactly(new FieldError(0, "count", "must be ≥ 1"));
            assertThat(validate(PATIENT_EVENT, tooMany)).containsExactly(new FieldError(0, "count", "must be ≤ 100000"));
        }

        @Test
        void shouldReportBothWholeNumberAndBoundOfOneValue() {
            // Given a negative fraction where a whole number ≥ 0 is expected
            JsonNode record = with(valid(SYRINGE), "detected[0].syringesPositive", "-1.5");

            // When it is validated
            var errors = validate(SYRINGE, record);

            // Then both problems are named
            assertThat(errors).extracting(FieldError::message).containsExactly("must be a whole number", "must be ≥ 0");
        }
    }

    @Nested
    class EnumsAndBooleans {

        @Test
        void shouldRejectFormOutsideTheListNamingTheChoices() {
            // Given a form the contract does not know
            JsonNode record = with(valid(DRUG_CHECKING), "form", string("PILL"));

            // When it is validated
            var errors = validate(DRUG_CHECKING, record);

            // Then every allowed value is listed
            assertThat(errors).containsExactly(new FieldError(0, "form",
                    "must be one of TABLET, POWDER, CRYSTAL, CAPSULE, LIQUID, BLOTTER, PLANT, OTHER"));
        }

        @Test
        void shouldHintCapitalsForLowerCaseEnumValue() {
            // Given the method in lower case
            JsonNode record = with(valid(DRUG_CHECKING), "method", string("gc_ms"));

            // When it is validated
            var errors = validate(DRUG_CHECKING, record);

            // Then the message says how to write it
            assertThat(errors).extracting(FieldError::message).containsExactly(
                    "must be one of FTIR, GC_MS, LC_MS, HPLC, RAMAN, TEST_STRIP, OTHER (in capitals, without spaces: GC_MS)");
        }

        @Test
        void shouldRejectBooleanGivenAsText() {
            // Given "yes" for a boolean
            JsonNode record = with(valid(DRUG_CHECKING), "confirmed", string("yes"));

            // When it is validated
            var errors = validate(DRUG_CHECKING, record);

            // Then true or false is asked for
            assertThat(errors).containsExactly(new FieldError(0, "confirmed", "must be true or false"));
        }

        @Test
        void shouldValidateOptionalItemFormOfASeizure() {
            // Given a seizure item with an unknown form
            JsonNode record = with(valid(SEIZURE), "items[1].form", string("BRICK"));

            // When it is validated
            var errors = validate(SEIZURE, record);

            // Then the item's form is refused
            assertThat(errors).extracting(FieldError::field).containsExactly("items[1].form");
        }
    }

    @Nested
    class Regions {

        @ParameterizedTest
        @ValueSource(strings = {"0301", "03", "4601", "5001", "1103", "46"})
        void shouldAcceptCountiesAndMunicipalitiesOfTheCatalogue(String region) {
            assertThat(validate(SYRINGE, with(valid(SYRINGE), "region", string(region)))).isEmpty();
        }

        @Test
        void shouldRejectRegionNotInTheCatalogue() {
            // Given a municipality number that does not exist
            JsonNode record = with(valid(SYRINGE), "region", string("9999"));

            // When it is validated
            var errors = validate(SYRINGE, record);

            // Then the catalogue rule is explained
            assertThat(errors).containsExactly(new FieldError(0, "region",
                    "unknown region: not a county (2 digits) or municipality (4 digits) in the catalogue"));
        }

        @Test
        void shouldHintLostLeadingZeroOfRegion() {
            // Given Oslo as 301, as a spreadsheet shows it
            JsonNode record = with(valid(SYRINGE), "region", string("301"));

            // When it is validated
            var errors = validate(SYRINGE, record);

            // Then the message suggests 0301
            assertThat(errors).extracting(FieldError::message).singleElement().asString()
                    .startsWith("unknown region:").contains("did you mean 0301?");
        }

        @Test
        void shouldRejectRegionSentAsNumber() {
            // Given the region as a JSON number
            JsonNode record = with(valid(SYRINGE), "region", "4601");

            // When it is validated
            var errors = validate(SYRINGE, record);

            // Then quotes are asked for
            assertThat(errors).extracting(FieldError::field, FieldError::message).containsExactly(
                    tuple("region", "must be a string such as \"0301\" (in quotes, so leading zeros are kept)"));
        }
    }

    @Nested
    class Times {

        private static final String DATE_MESSAGE =
                "must be a date (2025-03-01) or an instant with offset (2025-03-01T12:00:00Z)";

        @ParameterizedTest
        @ValueSource(strings = {"01.03.2025", "2025-02-30", "2025-03-01T12:00:00", "2025-3-1", "i går", ""})
        void shouldRejectObservedAtThatIsNeitherDateNorInstantWithOffset(String text) {
            // Given an unreadable or offset-less time
            JsonNode record = with(valid(SEIZURE), "observedAt", string(text));

            // When it is validated
            var errors = validate(SEIZURE, record);

            // Then both accepted forms are shown
            assertThat(errors).containsExactly(new FieldError(0, "observedAt", DATE_MESSAGE));
        }

        @ParameterizedTest
        @ValueSource(strings = {"2025-11-30", "2025-12-01", "2025-12-01T12:04:59Z", "2025-12-01T13:04:00+01:00"})
        void shouldAcceptObservedAtUpToNowPlusSkew(String text) {
            // Given times up to now (12:00Z) + 5 minutes, and today's date
            JsonNode record = with(valid(SEIZURE), "observedAt", string(text));

            // When it is validated / Then it is accepted
            assertThat(validate(SEIZURE, record)).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"2025-12-02", "2025-12-01T12:05:01Z", "2026-01-01T00:00:00+01:00"})
        void shouldRejectObservedAtInTheFuture(String text) {
            // Given tomorrow's date (its start in Oslo is after now) or a time beyond the skew
            JsonNode record = with(valid(SEIZURE), "observedAt", string(text));

            // When it is validated
            var errors = validate(SEIZURE, record);

            // Then it is refused as future
            assertThat(errors).containsExactly(new FieldError(0, "observedAt", "must not be in the future"));
        }

        @Test
        void shouldRejectObservedAtSentAsNumber() {
            JsonNode record = with(valid(SEIZURE), "observedAt", "20251014");
            assertThat(validate(SEIZURE, record)).containsExactly(new FieldError(0, "observedAt", DATE_MESSAGE));
        }
    }

    @Nested
    class Wastewater {

        @Test
        void shouldRejectSampleEndBeforeSampleStart() {
            // Given a sample that ends before it starts
            JsonNode record = with(valid(WASTEWATER), "sampleEnd", string("2025-11-02T07:00:00+01:00"));

            // When it is validated
            var errors = validate(WASTEWATER, record);

            // Then sampleEnd is refused
            assertThat(errors).containsExactly(new FieldError(0, "sampleEnd", "must not be before sampleStart"));
        }

        @Test
        void shouldAcceptSampleStartEqualToSampleEnd() {
            JsonNode record = with(valid(WASTEWATER), "sampleEnd", string("2025-11-03T07:00:00+01:00"));
            assertThat(validate(WASTEWATER, record)).isEmpty();
        }

        @Test
        void shouldNotCompareSampleTimesWhenOneIsInvalid() {
            // Given an unreadable sampleStart
            JsonNode record = with(valid(WASTEWATER), "sampleStart", string("yesterday"));

            // When it is validated
            var errors = validate(WASTEWATER, record);

            // Then only the format is reported
            assertThat(errors).extracting(FieldError::field).containsExactly("sampleStart");
        }

        @Test
        void shouldRejectEmptyMeasurements() {
            JsonNode record = with(valid(WASTEWATER), "measurements", "[]");
            assertThat(validate(WASTEWATER, record)).containsExactly(new FieldError(0, "measurements", "must not be empty"));
        }

        @Test
        void shouldRejectMoreThan500Measurements() {
            // Given 501 valid measurements
            JsonNode record = with(valid(WASTEWATER), "measurements",
                    arrayOf(501, json("{\"substance\":\"MDMA\",\"concentrationNgPerL\":1}")));

            // When it is validated
            var errors = validate(WASTEWATER, record);

            // Then only the size is reported
            assertThat(errors).containsExactly(new FieldError(0, "measurements", "must have at most 500 items"));
        }

        @Test
        void shouldRejectPopulationServedBelowOne() {
            JsonNode record = with(valid(WASTEWATER), "populationServed", "0");
            assertThat(validate(WASTEWATER, record)).containsExactly(new FieldError(0, "populationServed", "must be ≥ 1"));
        }

        @Test
        void shouldRejectPopulationServedAboveTwentyMillion() {
            // Given catchments of exactly the bound and one more (found by the hostile-input suite, issue 9: there was no bound)
            JsonNode largest = with(valid(WASTEWATER), "populationServed", "20000000");
            JsonNode tooMany = with(valid(WASTEWATER), "populationServed", "20000001");

            // Then the bound is accepted and anything above it is refused, naming the field
            assertThat(validate(WASTEWATER, largest)).isEmpty();
            assertThat(validate(WASTEWATER, tooMany)).containsExactly(new FieldError(0, "populationServed", "must be ≤ 20000000"));
        }

        @Test
        void shouldRejectMeasurementWithoutConcentration() {
            JsonNode record = without(valid(WASTEWATER), "measurements[0].concentrationNgPerL");
            assertThat(validate(WASTEWATER, record)).containsExactly(
                    new FieldError(0, "measurements[0].concentrationNgPerL", "is required"));
        }
    }

    @Nested
    class DrugChecking {

        @Test
        void shouldRejectComponentsThatAreNotAList() {
            JsonNode record = with(valid(DRUG_CHECKING), "components", "{\"substance\":\"MDMA\"}");
            assertThat(validate(DRUG_CHECKING, record)).containsExactly(new FieldError(0, "components", "must be a list"));
        }

        @Test
        void shouldRejectComponentThatIsNotAnObject() {
            JsonNode record = with(valid(DRUG_CHECKING), "components[0]", string("MDMA"));
            assertThat(validate(DRUG_CHECKING, record)).containsExactly(
                    new FieldError(0, "components[0]", "must be a JSON object"));
        }

        @Test
        void shouldAcceptComponentWithSubstanceOnly() {
            JsonNode record = with(valid(DRUG_CHECKING), "components", "[{\"substance\":\"ukjent hvitt pulver\"}]");
            assertThat(validate(DRUG_CHECKING, record)).isEmpty();
        }

        @Test
        void shouldRejectMoreThan100Components() {
            JsonNode record = with(valid(DRUG_CHECKING), "components", arrayOf(101, json("{\"substance\":\"MDMA\"}")));
            assertThat(validate(DRUG_CHECKING, record)).containsExactly(
                    new FieldError(0, "components", "must have at most 100 items"));
        }

        @Test
        void shouldRejectSoldAsLongerThan200Characters() {
            JsonNode record = with(valid(DRUG_CHECKING), "soldAs", string("M".repeat(201)));
            assertThat(validate(DRUG_CHECKING, record)).containsExactly(
                    new FieldError(0, "soldAs", "must have at most 200 characters"));
        }
    }

    @Nested
    class Seizure {

        @Test
        void shouldRejectZeroQuantity() {
            JsonNode record = with(valid(SEIZURE), "items[1].quantity", "0");
            assertThat(validate(SEIZURE, record)).containsExactly(new FieldError(0, "items[1].quantity", "must be > 0"));
        }

        @Test
        void shouldRejectUnknownUnitAndAgency() {
            JsonNode record = with(valid(SEIZURE), "items[0].unit", string("LBS"));
            record = with(record, "agency", string("ARMY"));
            assertThat(validate(SEIZURE, record)).extracting(FieldError::field, FieldError::message).containsExactly(
                    tuple("agency", "must be one of POLICE, CUSTOMS, CORRECTIONS"),
                    tuple("items[0].unit", "must be one of G, KG, ML, TABLETS, BLOTTERS, UNITS"));
        }
    }

    @Nested
    class PatientEvents {

        @ParameterizedTest
        @ValueSource(strings = {"0-4", "20-29", "80+", "100+"})
        void shouldAcceptAgeBands(String band) {
            assertThat(validate(PATIENT_EVENT, with(valid(PATIENT_EVENT), "ageBand", string(band)))).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"twenties", "20 - 29", "20-", "1985", "20-29-39"})
        void shouldRejectAgeBandsThatAreNoBand(String band) {
            JsonNode record = with(valid(PATIENT_EVENT), "ageBand", string(band));
            assertThat(validate(PATIENT_EVENT, record)).extracting(FieldError::field).containsExactly("ageBand");
        }

        @Test
        void shouldRejectUnknownSexEventTypeAndSetting() {
            JsonNode record = with(valid(PATIENT_EVENT), "sex", string("M"));
            record = with(record, "eventType", string("OVERDOSE"));
            record = with(record, "setting", string("GP"));
            assertThat(validate(PATIENT_EVENT, record)).extracting(FieldError::field)
                    .containsExactly("eventType", "setting", "sex");
        }

        @Test
        void shouldRejectSubstanceListElementsThatAreNotNonEmptyStrings() {
            // Given a number and an empty string among the substances
            JsonNode record = with(valid(PATIENT_EVENT), "suspectedSubstances", "[\"heroin\", 42, \"\"]");

            // When it is validated
            var errors = validate(PATIENT_EVENT, record);

            // Then each bad element is named
            assertThat(errors).extracting(FieldError::field, FieldError::message).containsExactly(
                    tuple("suspectedSubstances[1]", "must be a string"),
                    tuple("suspectedSubstances[2]", "must have 1 to 200 characters"));
        }

        @Test
        void shouldRejectMoreThan50Substances() {
            JsonNode record = with(valid(PATIENT_EVENT), "confirmedSubstances", arrayOf(51, string("heroin")));
            assertThat(validate(PATIENT_EVENT, record)).containsExactly(
                    new FieldError(0, "confirmedSubstances", "must have at most 50 items"));
        }

        @Test
        void shouldAcceptPatientEventWithoutOptionalFields() {
            JsonNode record = valid(PATIENT_EVENT);
            for (String optional : List.of("ageBand", "sex", "suspectedSubstances", "confirmedSubstances")) {
                record = without(record, optional);
            }
            assertThat(validate(PATIENT_EVENT, record)).isEmpty();
        }
    }

    @Nested
    class Syringes {

        @Test
        void shouldAcceptEmptyDetectedList() {
            JsonNode record = with(valid(SYRINGE), "detected", "[]");
            assertThat(validate(SYRINGE, record)).isEmpty();
        }

        @Test
        void shouldRejectMissingDetectedList() {
            JsonNode record = without(valid(SYRINGE), "detected");
            assertThat(validate(SYRINGE, record)).containsExactly(new FieldError(0, "detected", "is required"));
        }

        @Test
        void shouldRejectMorePositiveSyringesThanSyringes() {
            // Given 41 positive of 40 syringes
            JsonNode record = with(valid(SYRINGE), "detected[1].syringesPositive", "41");

            // When it is validated
            var errors = validate(SYRINGE, record);

            // Then the item names the limit
            assertThat(errors).containsExactly(new FieldError(0, "detected[1].syringesPositive",
                    "must not be more than syringeCount (40)"));
        }

        @Test
        void shouldAcceptAllSyringesPositive() {
            JsonNode record = with(valid(SYRINGE), "detected[0].syringesPositive", "40");
            assertThat(validate(SYRINGE, record)).isEmpty();
        }

        @Test
        void shouldNotCompareWithAnInvalidSyringeCount() {
            JsonNode record = with(valid(SYRINGE), "syringeCount", string("forty"));
            assertThat(validate(SYRINGE, record)).containsExactly(new FieldError(0, "syringeCount", "must be a number"));
        }
    }
}
