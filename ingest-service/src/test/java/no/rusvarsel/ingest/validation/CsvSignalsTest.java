package no.rusvarsel.ingest.validation;

import no.rusvarsel.support.problem.FieldError;

import io.micronaut.json.tree.JsonNode;
import no.rusvarsel.contracts.signal.SourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static no.rusvarsel.contracts.signal.SourceType.DRUG_CHECKING;
import static no.rusvarsel.contracts.signal.SourceType.PATIENT_EVENT;
import static no.rusvarsel.contracts.signal.SourceType.SEIZURE;
import static no.rusvarsel.contracts.signal.SourceType.SYRINGE;
import static no.rusvarsel.contracts.signal.SourceType.WASTEWATER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CsvSignalsTest {

    private static final String DRUG_HEADER =
            "externalId,region,observedAt,form,soldAs,method,confirmed,substance,amountMg,purityPercent\n";

    private static InputFormatException failure(SourceType type, String csv) {
        return catchThrowableOfType(InputFormatException.class, () -> CsvSignals.parse(type, csv));
    }

    private static List<FieldError> validate(SourceType type, List<JsonNode> records) {
        var validator = Fixtures.validator();
        var errors = new ArrayList<FieldError>();
        for (int i = 0; i < records.size(); i++) {
            errors.addAll(validator.validate(type, i, records.get(i)));
        }
        return errors;
    }

    @Test
    void shouldGroupRowsByExternalIdInOrderOfFirstAppearance() {
        // Given three rows of two samples, interleaved
        String csv = DRUG_HEADER
                + "RF-1,0301,2025-11-20,TABLET,MDMA,FTIR,true,MDMA,180,\n"
                + "RF-2,4601,2025-11-21,POWDER,kokain,GC_MS,false,kokain,,85\n"
                + "RF-1,0301,2025-11-20,TABLET,MDMA,FTIR,true,koffein,20,\n";

        // When it is parsed
        var records = CsvSignals.parse(DRUG_CHECKING, csv);

        // Then there is one record per externalId, the components in row order
        assertThat(records).hasSize(2);
        assertThat(records.get(0).get("externalId").getStringValue()).isEqualTo("RF-1");
        assertThat(records.get(0).get("components").size()).isEqualTo(2);
        assertThat(records.get(0).get("components").get(1).get("substance").getStringValue()).isEqualTo("koffein");
        assertThat(records.get(1).get("components").get(0).get("purityPercent").getIntValue()).isEqualTo(85);
        assertThat(validate(DRUG_CHECKING, records)).isEmpty();
    }

    @Test
    void shouldConvertCellsByFieldKindAndLeaveEmptyCellsOut() {
        // Given numbers, a boolean in capitals and empty optional cells
        String csv = DRUG_HEADER + "RF-1,0301,2025-11-20,TABLET,,FTIR,TRUE,MDMA,187.5,\n";

        // When it is parsed
        JsonNode record = CsvSignals.parse(DRUG_CHECKING, csv).get(0);

        // Then each cell has its JSON type and empty cells are absent
        assertThat(record.get("confirmed").isBoolean()).isTrue();
        assertThat(record.get("confirmed").getBooleanValue()).isTrue();
        assertThat(record.get("region").isString()).isTrue();
        assertThat(record.get("region").getStringValue()).isEqualTo("0301");
        JsonNode component = record.get("components").get(0);
        assertThat(component.get("amountMg").isNumber()).isTrue();
        assertThat(component.get("amountMg").getDoubleValue()).isEqualTo(187.5);
        assertThat(record.get("soldAs")).isNull();
        assertThat(component.get("purityPercent")).isNull();
    }

    @Test
    void shouldLeaveUnreadableNumbersAsTextSoTheValidatorNamesTheField() {
        // Given "n.d." where a number belongs, in the second row of the sample
        String csv = DRUG_HEADER
                + "RF-1,0301,2025-11-20,TABLET,MDMA,FTIR,true,MDMA,180,\n"
                + "RF-1,0301,2025-11-20,TABLET,MDMA,FTIR,true,koffein,n.d.,\n";

        // When it is parsed and validated
        var records = CsvSignals.parse(DRUG_CHECKING, csv);

        // Then the validator reports the exact path
        assertThat(validate(DRUG_CHECKING, records)).containsExactly(
                new FieldError(0, "components[1].amountMg", "must be a number"));
    }

    @Test
    void shouldLetTheValidatorRefuseAbsurdNumbersWithoutException() {
        // Given an exponent far beyond any double, and one beyond what a decimal can hold
        String csv = DRUG_HEADER
                + "RF-1,0301,2025-11-20,TABLET,MDMA,FTIR,true,MDMA,1e999999999,\n"
                + "RF-1,0301,2025-11-20,TABLET,MDMA,FTIR,true,koffein,1e99999999999,\n";

        // When it is parsed, validated and scanned
        var records = CsvSignals.parse(DRUG_CHECKING, csv);

        // Then each gets a clear message
        assertThat(validate(DRUG_CHECKING, records)).containsExactly(
                new FieldError(0, "components[0].amountMg", "is too large: must be ≤ 1000000000000"),
                new FieldError(0, "components[1].amountMg", "must be a number"));
        assertThat(PersonalDataGuard.scan(0, records.get(0))).isEmpty();
    }

    @Test
    void shouldDetectSemicolonDelimiterAndDecimalComma() {
        // Given a Norwegian spreadsheet export: semicolons, decimal commas, BOM and CRLF
        String csv = "\uFEFFexternalId;region;observedAt;form;method;confirmed;substance;amountMg\r\n"
                + "RF-9;5001;2025-11-02;TABLET;FTIR;false;MDMA;212,5\r\n";

        // When it is parsed
        var records = CsvSignals.parse(DRUG_CHECKING, csv);

        // Then the header is recognised and 212,5 is the number 212.5
        assertThat(records).hasSize(1);
        assertThat(records.get(0).get("components").get(0).get("amountMg").getDoubleValue()).isEqualTo(212.5);
        assertThat(validate(DRUG_CHECKING, records)).isEmpty();
    }

    @Test
    void shouldNotReadDecimalCommaWhenCommaIsTheDelimiter() {
        // Given a quoted "1,000" in a comma-separated file (a thousands separator, or a decimal comma?)
        String csv = DRUG_HEADER + "RF-1,0301,2025-11-20,TABLET,MDMA,FTIR,true,MDMA,\"1,000\",\n";

        // When it is parsed and validated
        var records = CsvSignals.parse(DRUG_CHECKING, csv);

        // Then it is not guessed: the validator asks for a number
        assertThat(validate(DRUG_CHECKING, records)).containsExactly(
                new FieldError(0, "components[0].amountMg", "must be a number"));
    }

    @Test
    void shouldMatchColumnNamesIgnoringCaseAndSurroundingSpaces() {
        String csv = "ExternalID , REGION,observedat,siteId,syringeCount,Substance,syringespositive\n"
                + "S-1,0301,2025-11-14,Prindsen,40,heroin,22\n";
        var records = CsvSignals.parse(SYRINGE, csv);
        assertThat(validate(SYRINGE, records)).isEmpty();
    }

    @Test
    void shouldRejectUnknownColumnNamingItAndTheKnownColumns() {
        // Given a column the contract does not have
        String csv = "externalId,region,observedAt,patientName\nP-1,0301,2025-11-14,Kari\n";

        // When it is parsed
        var e = failure(PATIENT_EVENT, csv);

        // Then line 1, column 4 is named, with the allowed columns
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.column()).isEqualTo(4);
        assertThat(e.reason()).startsWith("unknown column \"patientName\": a patient-event CSV has the columns externalId, region,");
    }

    @Test
    void shouldNotEchoColumnNameThatLooksLikePersonalData() {
        var e = failure(PATIENT_EVENT, "externalId,15058512345\nP-1,x\n");
        assertThat(e.getMessage()).doesNotContain("15058512345").contains("(name not shown)");
    }

    @Test
    void shouldRejectDuplicateColumn() {
        var e = failure(SYRINGE, "externalId,region,Region\nS-1,0301,0301\n");
        assertThat(e.column()).isEqualTo(3);
        assertThat(e.reason()).isEqualTo("column region appears twice (also in column 2)");
    }

    @Test
    void shouldRejectHeaderWithoutExternalId() {
        var e = failure(SYRINGE, "region,observedAt\n0301,2025-11-14\n");
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.reason()).startsWith("the header has no externalId column");
    }

    @Test
    void shouldRejectRowsOfOneExternalIdThatDisagreeOnARecordField() {
        // Given a sample whose second row names another region
        String csv = DRUG_HEADER
                + "RF-1,0301,2025-11-20,TABLET,MDMA,FTIR,true,MDMA,180,\n"
                + "RF-2,4601,2025-11-21,POWDER,kokain,GC_MS,false,kokain,,85\n"
                + "RF-1,4601,2025-11-20,TABLET,MDMA,FTIR,true,koffein,20,\n";

        // When it is parsed
        var e = failure(DRUG_CHECKING, csv);

        // Then the row and cell are named, and neither value is repeated
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.column()).isEqualTo(2);
        assertThat(e.reason()).startsWith("region differs from line 2, the first row of the same externalId")
                .doesNotContain("4601").doesNotContain("0301");
    }

    @Test
    void shouldRejectRowWithMoreCellsThanTheHeader() {
        // Given an unquoted decimal comma that splits a cell in two
        String csv = "externalId,region,observedAt,siteId,syringeCount,substance,syringesPositive\n"
                + "S-1,0301,2025-11-14,Prindsen,40,heroin,22\n"
                + "S-1,0301,2025-11-14,Prindsen,40,metamfetamin,1,5\n";

        // When it is parsed
        var e = failure(SYRINGE, csv);

        // Then the row and the first surplus cell are named
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(8);
        assertThat(e.reason()).startsWith("this row has 8 cells but the header has 7 columns");
    }

    @Test
    void shouldRejectRowWithFewerCellsThanTheHeaderNamingTheRow() {
        // Given a second row that stops after five of the seven columns (found by the hostile-input suite, issue 9)
        String csv = "externalId,region,observedAt,siteId,syringeCount,substance,syringesPositive\n"
                + "S-1,0301,2025-11-14,Prindsen,40,heroin,22\n"
                + "S-2,0301,2025-11-14,Prindsen,40\n";

        // When it is parsed
        var e = failure(SYRINGE, csv);

        // Then the row and its first missing cell are named
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(6);
        assertThat(e.reason()).startsWith("this row has 5 cells but the header has 7 columns");
    }

    @Test
    void shouldTreatEmptyTrailingCellsAsAbsentAndAllowUnnamedTrailingColumnsToBeLeftOut() {
        String csv = "externalId,region,observedAt,siteId,syringeCount,substance,syringesPositive\n"
                + "S-1,0301,2025-11-14,Prindsen,40,,\n";
        var records = CsvSignals.parse(SYRINGE, csv);
        assertThat(records.get(0).get("detected").size()).isZero();
        assertThat(validate(SYRINGE, records)).isEmpty();

        String unnamed = "externalId,region,observedAt,siteId,syringeCount,,\n" + "S-1,0301,2025-11-14,Prindsen,40\n";
        assertThat(CsvSignals.parse(SYRINGE, unnamed)).hasSize(1);
    }

    @Test
    void shouldLocateUnterminatedQuote() {
        // Given notes whose quote never closes, opened on line 3 in column 4
        String csv = "externalId,region,observedAt,notes,siteId,syringeCount\n"
                + "S-1,0301,2025-11-14,ok,Prindsen,40\n"
                + "S-2,0301,2025-11-14,\"funnet ved, Prindsen,40\n"
                + "S-3,0301,2025-11-14,ok,Prindsen,40\n";

        // When it is parsed
        var e = failure(SYRINGE, csv);

        // Then the opening quote's line and cell are named
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(4);
        assertThat(e.reason()).startsWith("a quoted value is never closed");
    }

    @Test
    void shouldLocateTextAfterAClosingQuote() {
        String csv = "externalId,region,observedAt,notes\nS-1,0301,2025-11-14,\"a\"b\n";
        var e = failure(SYRINGE, csv);
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(4);
        assertThat(e.reason()).startsWith("text after the closing quote");
    }

    @Test
    void shouldKeepLineNumbersRightAfterMultiLineCellsAndEmptyLines() {
        // Given a quoted note spanning two lines, then an empty line, then a disagreeing row
        String csv = "externalId,region,observedAt,notes,siteId,syringeCount,substance,syringesPositive\n"
                + "S-1,0301,2025-11-14,\"to\nlinjer\",Prindsen,40,heroin,22\n"
                + "\n"
                + "S-1,0301,2025-11-14,\"to\nlinjer\",Prindsen,41,kokain,3\n";

        // When it is parsed
        var e = failure(SYRINGE, csv);

        // Then the row is on line 5 (lines 2-3 are one row, line 4 is empty)
        assertThat(e.line()).isEqualTo(5);
        assertThat(e.column()).isEqualTo(6);
    }

    @Test
    void shouldKeepLineBreaksInsideQuotedCells() {
        String csv = "externalId,region,observedAt,notes,siteId,syringeCount\nS-1,0301,2025-11-14,\"to\r\nlinjer\",Prindsen,40\n";
        assertThat(CsvSignals.parse(SYRINGE, csv).get(0).get("notes").getStringValue()).isEqualTo("to\r\nlinjer");
    }

    @Test
    void shouldReadUtf8AndExcelsWindows1252Export() {
        // Given the same file saved as "CSV UTF-8" and as plain "CSV" by a Norwegian Excel
        String csv = "externalId;region;observedAt;siteId;syringeCount\nS-1;5001;2025-11-14;Høvringen;12\n";
        byte[] utf8 = ("\uFEFF" + csv).getBytes(StandardCharsets.UTF_8);
        byte[] windows1252 = csv.getBytes(Charset.forName("windows-1252"));

        // When both are parsed from bytes
        var fromUtf8 = CsvSignals.parse(SYRINGE, utf8, 10);
        var fromWindows = CsvSignals.parse(SYRINGE, windows1252, 10);

        // Then both read the same site name
        assertThat(fromUtf8.get(0).get("siteId").getStringValue()).isEqualTo("Høvringen");
        assertThat(fromWindows.get(0).get("siteId").getStringValue()).isEqualTo("Høvringen");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  \n", "\uFEFF"})
    void shouldRejectEmptyFile(String csv) {
        assertThat(failure(SYRINGE, csv).reason()).isEqualTo("no records");
    }

    @Test
    void shouldRejectHeaderWithoutRows() {
        assertThat(failure(SYRINGE, "externalId,region\n\n,\n").reason()).startsWith("no records");
    }

    @Test
    void shouldRejectMoreRecordsThanTheLimit() {
        String csv = "externalId,region\nA,0301\nB,0301\nA,0301\nC,0301\n";
        var e = catchThrowableOfType(InputFormatException.class, () -> CsvSignals.parse(SYRINGE, csv, 2));
        assertThat(e.line()).isEqualTo(5);
        assertThat(e.reason()).contains("at most 2 per request");
    }

    @Test
    void shouldSplitPatientEventSubstanceListsOnSemicolons() {
        // Given one row per event, substance lists in one cell (quoted, as the delimiter is ; too)
        String csv = "externalId;region;observedAt;eventType;setting;count;ageBand;sex;suspectedSubstances;confirmedSubstances\n"
                + "AMK-1;5001;2025-11-18;OVERDOSE_NONFATAL;AMBULANCE;2;20-29;MALE;\"heroin; isotonitazen\";\n"
                + "AMK-2;0301;2025-11-18;OVERDOSE_FATAL;FORENSIC;1;;;;\"isotonitazen;;\"\n";

        // When it is parsed
        var records = CsvSignals.parse(PATIENT_EVENT, csv);

        // Then each row is a record with trimmed list elements; an empty list cell is absent
        assertThat(records).hasSize(2);
        JsonNode suspected = records.get(0).get("suspectedSubstances");
        assertThat(List.of(suspected.get(0).getStringValue(), suspected.get(1).getStringValue()))
                .containsExactly("heroin", "isotonitazen");
        assertThat(records.get(0).get("confirmedSubstances")).isNull();
        assertThat(records.get(1).get("confirmedSubstances").size()).isEqualTo(1);
        assertThat(validate(PATIENT_EVENT, records)).isEmpty();
    }

    @Test
    void shouldReadSeizureFormColumnAsTheItemsForm() {
        String csv = "externalId,region,observedAt,agency,substance,quantity,unit,purityPercent,form\n"
                + "POL-1,1103,2025-10-14,POLICE,kokain,12.5,G,71,POWDER\n"
                + "POL-1,1103,2025-10-14,POLICE,MDMA,30,TABLETS,,TABLET\n";
        var records = CsvSignals.parse(SEIZURE, csv);
        assertThat(records.get(0).get("form")).isNull();
        assertThat(records.get(0).get("items").get(1).get("form").getStringValue()).isEqualTo("TABLET");
        assertThat(validate(SEIZURE, records)).isEmpty();
    }

    @Test
    void shouldKeepFormulaLikeCellsAsPlainText() {
        // Given a cell that a spreadsheet would evaluate
        String csv = "externalId,region,observedAt,notes\nS-1,0301,2025-11-14,\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\n";

        // When it is parsed
        JsonNode record = CsvSignals.parse(SYRINGE, csv).get(0);

        // Then the text is kept exactly, not evaluated
        assertThat(record.get("notes").getStringValue()).isEqualTo("=HYPERLINK(\"http://x\",\"y\")");
    }

    @Test
    void shouldIgnoreUnnamedEmptyColumnsButNotValuesInThem() {
        String header = "externalId,region,observedAt,siteId,syringeCount,,\n";
        assertThat(CsvSignals.parse(SYRINGE, header + "S-1,0301,2025-11-14,Prindsen,40,,\n")).hasSize(1);
        var e = failure(SYRINGE, header + "S-1,0301,2025-11-14,Prindsen,40,,x\n");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(7);
    }

    @Test
    void shouldKeepRowsWithoutExternalIdAsSeparateRecordsForTheValidator() {
        String csv = "externalId,region,observedAt,siteId,syringeCount\n,0301,2025-11-14,Prindsen,40\n,0301,2025-11-15,Prindsen,30\n";
        var records = CsvSignals.parse(SYRINGE, csv);
        assertThat(records).hasSize(2);
        assertThat(validate(SYRINGE, records)).extracting(FieldError::index, FieldError::field)
                .contains(org.assertj.core.groups.Tuple.tuple(0, "externalId"), org.assertj.core.groups.Tuple.tuple(1, "externalId"));
    }

    @Test
    void shouldOmitItemListWhenTheFileHasNoItemColumns() {
        String csv = "externalId,region,observedAt,siteId,populationServed,sampleStart,sampleEnd\n"
                + "W-1,0301,2025-11-03,VEAS,750000,2025-11-03,2025-11-04\n";
        var records = CsvSignals.parse(WASTEWATER, csv);
        assertThat(validate(WASTEWATER, records)).containsExactly(new FieldError(0, "measurements", "is required"));
    }

    @Test
    void shouldListTheColumnsOfEachSourceType() {
        assertThat(CsvSignals.columns(SEIZURE)).containsExactly(
                "externalId", "region", "observedAt", "notes", "agency", "substance", "quantity", "unit", "purityPercent", "form");
        assertThat(CsvSignals.columns(PATIENT_EVENT)).contains("suspectedSubstances", "confirmedSubstances")
                .doesNotContain("substance");
    }
}
