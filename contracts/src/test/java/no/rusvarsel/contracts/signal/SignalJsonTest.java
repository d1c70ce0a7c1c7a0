package no.rusvarsel.contracts.signal;

import no.rusvarsel.contracts.catalogue.SubstanceCatalogue;
import no.rusvarsel.contracts.topic.Topics;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignalJsonTest {

    private static final SubstanceCatalogue CATALOGUE = SubstanceCatalogue.defaultCatalogue();

    static Stream<Arguments> payloads() {
        return Stream.of(
                Arguments.of(new WastewaterResult("ww-2025-03-01-oslo", "0301", "2025-03-01", null, "VEAS",
                        650_000L, "2025-03-01T07:00:00Z", "2025-03-02T07:00:00Z",
                        List.of(new WastewaterResult.Measurement("benzoylecgonine", 812.5, 455.1, false),
                                new WastewaterResult.Measurement("xylazine", 0.0, null, true)))),
                Arguments.of(new DrugCheckingResult("dc-17", "4601", "2025-03-02T14:30:00+01:00", "blue tablet, logo 'Tesla'",
                        DrugCheckingResult.Form.TABLET, "MDMA", DrugCheckingResult.Method.GC_MS, true,
                        List.of(new DrugCheckingResult.Component("MDMA", 231.0, null),
                                new DrugCheckingResult.Component("isotonitazen", 0.4, null)))),
                Arguments.of(new SeizureReport("s-99", "50", "2025-02-27", null, SeizureReport.Agency.CUSTOMS,
                        List.of(new SeizureReport.Item("carfentanil", 12.5, SeizureReport.Unit.G, 4.0, DrugCheckingResult.Form.POWDER)))),
                Arguments.of(new PatientEvent("pe-5", "0301", "2025-03-03", null, PatientEvent.EventType.OVERDOSE_NONFATAL,
                        PatientEvent.Setting.AMBULANCE, 3, "25-34", PatientEvent.Sex.MALE,
                        List.of("heroin"), List.of("metonitazene"))),
                Arguments.of(new SyringeResult("sy-1", "1103", "2025-03-04", null, "Stavanger LAR", 120,
                        List.of(new SyringeResult.Detected("heroin", 60), new SyringeResult.Detected("xylazin", 3)))));
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void shouldRoundTripEverySourceTypeInAnEnvelope(SignalPayload payload) {
        var envelope = new SignalEnvelope(SignalIds.of("lab-1", payload.sourceType(), payload.externalId()), 1, "lab-1",
                payload.sourceType(), payload.externalId(), payload.region(), payload.region().substring(0, 2),
                ObservedAt.parse(payload.observedAt()), Instant.parse("2025-03-05T10:00:00Z"), "abc123",
                payload.reportedSubstances().stream().map(n -> ObservedSubstance.of(n, CATALOGUE.match(n))).toList(),
                payload);
        var serde = Topics.SIGNALS.valueSerde();

        var bytes = serde.serializer().serialize("t", envelope);
        var back = serde.deserializer().deserialize("t", bytes);

        assertThat(back).isEqualTo(envelope);
        assertThat(back.payload()).isInstanceOf(payload.getClass());
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"type\":\"" + payload.sourceType().path() + "\"");
    }

    @Test
    void shouldReadAProviderRecordAsWrittenInTheApiContract() throws Exception {
        var json = """
                {"externalId":"DC-2025-0117","region":"0301","observedAt":"2025-03-01","form":"TABLET","soldAs":"MDMA",
                 "method":"FTIR","confirmed":false,"components":[{"substance":"MDMA","amountMg":240.5}]}""";

        var record = io.micronaut.serde.ObjectMapper.getDefault().readValue(json, DrugCheckingResult.class);

        assertThat(record.components()).containsExactly(new DrugCheckingResult.Component("MDMA", 240.5, null));
        assertThat(record.form()).isEqualTo(DrugCheckingResult.Form.TABLET);
        assertThat(record.reportedSubstances()).containsExactly("MDMA");
    }

    static Stream<Arguments> recordsWithUnknownFields() {
        return Stream.of(
                Arguments.of(WastewaterResult.class, "{\"externalId\":\"a\",\"region\":\"03\",\"observedAt\":\"2025-01-01\",\"flowRate\":3}"),
                Arguments.of(DrugCheckingResult.class, "{\"externalId\":\"a\",\"region\":\"03\",\"observedAt\":\"2025-01-01\",\"personName\":\"Ola\"}"),
                Arguments.of(SeizureReport.class, "{\"externalId\":\"a\",\"region\":\"03\",\"items\":[{\"substance\":\"x\",\"suspect\":\"y\"}]}"),
                Arguments.of(PatientEvent.class, "{\"externalId\":\"a\",\"region\":\"03\",\"nationalId\":\"01010112345\"}"),
                Arguments.of(SyringeResult.class, "{\"externalId\":\"a\",\"region\":\"03\",\"detected\":[{\"substance\":\"x\",\"who\":1}]}"));
    }

    @ParameterizedTest
    @MethodSource("recordsWithUnknownFields")
    void shouldRejectUnknownFieldsInEverySourceType(Class<?> type, String json) {
        assertThatThrownBy(() -> io.micronaut.serde.ObjectMapper.getDefault().readValue(json, type))
                .hasMessageContaining("Unknown property");
    }

    @Test
    void shouldFailWithSerializationExceptionOnGarbageFromKafka() {
        var deserializer = Topics.SIGNALS.valueSerde().deserializer();

        assertThatThrownBy(() -> deserializer.deserialize("rusvarsel.signals.v1", "{not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("rusvarsel.signals.v1");
    }

    @Test
    void shouldNeverPrintPatientEventContent() {
        var event = new PatientEvent("pe-1", "0301", "2025-03-03", "found in stairwell", PatientEvent.EventType.OVERDOSE_FATAL,
                PatientEvent.Setting.FORENSIC, 1, "15-24", PatientEvent.Sex.FEMALE, List.of(), List.of("protonitazene"));

        assertThat(event.toString()).doesNotContain("stairwell", "15-24", "FEMALE", "protonitazene", "FORENSIC");
    }

    @Test
    void shouldGiveTheSameSignalIdToTheSameRecordOfTheSameProviderOnly() {
        var id = SignalIds.of("lab-1", SourceType.DRUG_CHECKING, "DC-1");

        assertThat(SignalIds.of("lab-1", SourceType.DRUG_CHECKING, "DC-1")).isEqualTo(id);
        assertThat(SignalIds.of("lab-2", SourceType.DRUG_CHECKING, "DC-1")).isNotEqualTo(id);
        assertThat(SignalIds.of("lab-1", SourceType.SEIZURE, "DC-1")).isNotEqualTo(id);
    }

    @Test
    void shouldParseDatesAsStartOfNorwegianDayAndInstantsWithOffset() {
        assertThat(ObservedAt.parse("2025-03-01")).isEqualTo(Instant.parse("2025-02-28T23:00:00Z"));
        assertThat(ObservedAt.parse("2025-07-01")).isEqualTo(Instant.parse("2025-06-30T22:00:00Z"));
        assertThat(ObservedAt.parse("2025-03-01T12:00:00+01:00")).isEqualTo(Instant.parse("2025-03-01T11:00:00Z"));
        assertThatThrownBy(() -> ObservedAt.parse("01.03.2025")).isInstanceOf(java.time.DateTimeException.class);
    }
}
