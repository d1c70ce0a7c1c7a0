package no.rusvarsel.bench.loadgen;

import io.micronaut.serde.ObjectMapper;
import no.rusvarsel.contracts.catalogue.Region;
import no.rusvarsel.contracts.catalogue.RegionCatalogue;
import no.rusvarsel.contracts.catalogue.SubstanceCatalogue;
import no.rusvarsel.contracts.detection.Rule;
import no.rusvarsel.contracts.detection.Severity;
import no.rusvarsel.contracts.signal.DrugCheckingResult;
import no.rusvarsel.contracts.signal.ObservedAt;
import no.rusvarsel.contracts.signal.PatientEvent;
import no.rusvarsel.contracts.signal.SeizureReport;
import no.rusvarsel.contracts.signal.SignalPayload;
import no.rusvarsel.contracts.signal.SourceType;
import no.rusvarsel.contracts.signal.SyringeResult;
import no.rusvarsel.contracts.signal.WastewaterResult;
import no.rusvarsel.ingest.validation.JsonRecords;
import no.rusvarsel.ingest.validation.PersonalDataGuard;
import no.rusvarsel.ingest.validation.RecordValidator;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoadGeneratorTest {

    private static final LocalDate START = LocalDate.of(2025, 1, 6); // a Monday
    private static final RegionCatalogue REGIONS = RegionCatalogue.defaultCatalogue();
    private static final SubstanceCatalogue SUBSTANCES = SubstanceCatalogue.defaultCatalogue();

    private static Scenario standard(int days, int scale) {
        return Scenario.of(START, days).withScale(scale).withStandardInjections(REGIONS);
    }

    @Test
    void shouldGenerateTheSameSignalsFromTheSameSeedAndOtherContentUnderTheSameIdsFromAnother() {
        var one = new LoadGenerator(standard(28, 300)).all();
        var again = new LoadGenerator(standard(28, 300)).all();
        var other = new LoadGenerator(standard(28, 300).withSeed(7)).all();

        assertThat(again.stream().map(GeneratedSignal::json).toList()).isEqualTo(one.stream().map(GeneratedSignal::json).toList());
        assertThat(other.stream().map(GeneratedSignal::json).toList()).isNotEqualTo(one.stream().map(GeneratedSignal::json).toList());
        assertThat(new LoadGenerator(standard(28, 300)).groundTruth()).isEqualTo(new LoadGenerator(standard(28, 300)).groundTruth());
    }

    @Test
    void shouldGenerateAnyDayAloneExactlyAsInTheWholeRun() {
        var generator = new LoadGenerator(standard(28, 300));
        var whole = generator.all();

        var day20 = generator.arrivingOn(20);
        assertThat(whole).filteredOn(s -> s.arrivalDay().equals(START.plusDays(20))).containsExactlyElementsOf(day20);
        // a run that starts later shares the background of the days both cover
        var later = new LoadGenerator(Scenario.of(START.plusDays(7), 21).withScale(300)).all();
        var background = whole.stream().filter(s -> !s.externalId().contains("-INJ")).map(GeneratedSignal::json).collect(Collectors.toSet());
        assertThat(later).filteredOn(s -> s.sourceType() != SourceType.WASTEWATER && s.sourceType() != SourceType.SYRINGE)
                .allSatisfy(s -> assertThat(background).contains(s.json()));
    }

    @Test
    void shouldCoverEverySourceTypeAndEveryCountyAtDefaultSettings() {
        var signals = new LoadGenerator(Scenario.of(START, 7)).all();
        var counties = REGIONS.counties().stream().map(Region::code).collect(Collectors.toSet());

        var typesPerCounty = new HashMap<String, java.util.Set<SourceType>>();
        signals.forEach(s -> typesPerCounty.computeIfAbsent(REGIONS.countyOf(s.payload().region()).orElseThrow(), c -> new HashSet<>())
                .add(s.sourceType()));
        assertThat(typesPerCounty.keySet()).isEqualTo(counties);
        assertThat(typesPerCounty).allSatisfy((county, types) -> assertThat(types).as(county).containsExactlyInAnyOrder(SourceType.values()));
        assertThat(signals).allSatisfy(s -> assertThat(s.provider()).isEqualTo(s.sourceType().path()));
    }

    @Test
    void shouldSendAboutScaleSignalsADayInTheDocumentedMix() {
        var generator = new LoadGenerator(Scenario.of(START, 21).withScale(2000));
        var days = new int[21];
        var byType = new EnumMap<SourceType, Integer>(SourceType.class);
        generator.stream().forEach(s -> {
            days[(int) (s.arrivalDay().toEpochDay() - START.toEpochDay())]++;
            byType.merge(s.sourceType(), 1, Integer::sum);
        });

        // from day 3 on every delayed source has started arriving
        double mean = 0;
        for (int d = 3; d < 21; d++) {
            assertThat(days[d]).as("signals arriving on day %d (weekends fewer)", d).isBetween(1400, 2600);
            mean += days[d] / 18.0;
        }
        assertThat(mean).isBetween(1800.0, 2200.0);
        int total = byType.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(byType.get(SourceType.DRUG_CHECKING) / (double) total).isBetween(0.25, 0.36);
        assertThat(byType.get(SourceType.PATIENT_EVENT) / (double) total).isBetween(0.20, 0.30);
    }

    @Test
    void shouldPassIngestsOwnValidationAndHoldNoNationalIdentityNumber() {
        var generator = new LoadGenerator(standard(28, 200));
        var validator = new RecordValidator(REGIONS, Clock.fixed(ObservedAt.parse(START.plusDays(28).toString()), ZoneOffset.UTC),
                Duration.ofMinutes(5));
        var elevenDigits = Pattern.compile("(?<!\\d)\\d{11}(?!\\d)");
        var byType = generator.all().stream().collect(Collectors.groupingBy(GeneratedSignal::sourceType));

        for (var entry : byType.entrySet()) {
            var payloads = entry.getValue().stream().map(GeneratedSignal::payload).toList();
            var body = PayloadJson.array(payloads);
            var nodes = JsonRecords.parse(JsonRecords.JSON, body.getBytes(StandardCharsets.UTF_8));
            assertThat(nodes).hasSameSizeAs(payloads);
            var errors = new ArrayList<Object>();
            for (int i = 0; i < nodes.size(); i++) {
                errors.addAll(validator.validate(entry.getKey(), i, nodes.get(i)));
                errors.addAll(PersonalDataGuard.scan(i, nodes.get(i)));
            }
            assertThat(errors).as("validation errors of %s", entry.getKey()).isEmpty();
            assertThat(elevenDigits.matcher(body).find()).as("an 11-digit number in %s", entry.getKey()).isFalse();
            assertThat(new HashSet<>(payloads.stream().map(SignalPayload::externalId).toList())).as("unique ids").hasSameSizeAs(payloads);
        }
    }

    @Test
    void shouldWriteEachRecordAsItsContractRecordWithoutTheTypeDiscriminator() throws Exception {
        var mapper = ObjectMapper.getDefault();
        for (var signal : new LoadGenerator(standard(28, 100)).all()) {
            var json = signal.json();
            assertThat(json).startsWith("{\"externalId\":").doesNotContain("\"type\"").doesNotContain("null");
            assertThat(mapper.readValue(json, signal.payload().getClass())).isEqualTo(signal.payload());
        }
    }

    @Test
    void shouldKeepTheBackgroundOffTheWatchlistSoldAsWhatItIsAndUnderEveryPotencyThreshold() {
        var background = new LoadGenerator(Scenario.of(START, 28).withScale(500)).all();

        for (var s : background) {
            for (String name : s.payload().reportedSubstances()) {
                var match = SUBSTANCES.match(name).substance();
                assertThat(match).as("'%s' in %s", name, s.externalId()).isPresent();
                assertThat(match.get().hazard().watched()).as("%s is watched (in %s)", name, s.externalId()).isFalse();
            }
            if (s.payload() instanceof DrugCheckingResult d) {
                var soldAs = SUBSTANCES.match(d.soldAs()).substance().orElseThrow();
                assertThat(SUBSTANCES.match(d.components().get(0).substance()).substance().orElseThrow().id()).isEqualTo(soldAs.id());
                for (var c : d.components()) {
                    var t = SUBSTANCES.match(c.substance()).substance().orElseThrow().thresholds();
                    if (t != null && c.amountMg() != null && t.amountMgPerUnit() != null) {
                        assertThat(c.amountMg()).isLessThanOrEqualTo(t.amountMgPerUnit());
                    }
                    if (t != null && c.purityPercent() != null && t.purityPercent() != null) {
                        assertThat(c.purityPercent()).isLessThanOrEqualTo(t.purityPercent());
                    }
                }
            }
            if (s.payload() instanceof SeizureReport r) {
                for (var item : r.items()) {
                    var t = SUBSTANCES.match(item.substance()).substance().orElseThrow().thresholds();
                    if (t != null && item.purityPercent() != null && t.purityPercent() != null) {
                        assertThat(item.purityPercent()).isLessThanOrEqualTo(t.purityPercent());
                    }
                }
            }
            if (s.payload() instanceof SyringeResult r) {
                assertThat(r.detected()).allSatisfy(d -> assertThat(d.syringesPositive()).isBetween(0, r.syringeCount()));
            }
        }
    }

    @Test
    void shouldShowAWeeklyPatternInOverdosesAndWeekendWastewater() {
        var signals = new LoadGenerator(Scenario.of(START, 84).withScale(300).withOverdosesPerDay(200)).all();
        var overdoses = new EnumMap<DayOfWeek, Integer>(DayOfWeek.class);
        var mdma = new EnumMap<DayOfWeek, List<Double>>(DayOfWeek.class);
        for (var s : signals) {
            var day = LocalDate.parse(s.payload().observedAt().substring(0, 10)).getDayOfWeek();
            if (s.payload() instanceof PatientEvent p && p.eventType() != PatientEvent.EventType.POISONING_ENQUIRY) {
                overdoses.merge(day, p.count(), Integer::sum);
            }
            if (s.payload() instanceof WastewaterResult w && w.siteId().startsWith("WW-0301-")) {
                w.measurements().stream().filter(m -> m.substance().equals("MDMA")).forEach(m ->
                        mdma.computeIfAbsent(day, k -> new ArrayList<>()).add(m.loadMgPerDayPer1000()));
            }
        }

        assertThat(overdoses.get(DayOfWeek.SATURDAY)).isGreaterThan((int) (overdoses.get(DayOfWeek.TUESDAY) * 1.2));
        assertThat(overdoses.get(DayOfWeek.SATURDAY)).isGreaterThan((int) (overdoses.get(DayOfWeek.WEDNESDAY) * 1.2));
        double saturday = mdma.get(DayOfWeek.SATURDAY).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double wednesday = mdma.get(DayOfWeek.WEDNESDAY).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertThat(saturday / wednesday).isBetween(1.5, 1.9);
    }

    @Test
    void shouldPutEveryInjectedEventInTheStreamWithItsGroundTruth() {
        var generator = new LoadGenerator(standard(42, 300));
        var truth = generator.groundTruth();
        Map<String, GeneratedSignal> byId = generator.all().stream().collect(Collectors.toMap(s -> s.sourceType().path() + "/" + s.externalId(), s -> s));

        assertThat(truth.events()).extracting(GroundTruth.Event::kind).containsExactly(
                "NITAZENE_APPEARING", "MISSOLD_BATCH", "OVERDOSE_CLUSTER", "WASTEWATER_RISE", "POTENT_OPIOID_SEIZURE", "HIGH_POTENCY_TABLET");
        assertThat(truth.events()).extracting(GroundTruth.Event::county).doesNotHaveDuplicates();
        assertThat(truth.quietCounties()).hasSize(REGIONS.counties().size() - 6)
                .doesNotContainAnyElementsOf(truth.events().stream().map(GroundTruth.Event::county).toList());
        for (var event : truth.events()) {
            assertThat(event.signals()).isNotEmpty().allSatisfy(ref -> {
                var signal = byId.get(ref.sourceType() + "/" + ref.externalId());
                assertThat(signal).as("signal %s of %s", ref.externalId(), event.kind()).isNotNull();
                assertThat(REGIONS.countyOf(signal.payload().region())).contains(event.county());
            });
            assertThat(event.expected()).isNotEmpty();
            assertThat(ObservedAt.parse(event.signals().get(0).observedAt()).toString()).isEqualTo(event.firstEventAt());
        }
        var nitazene = truth.events().get(0);
        assertThat(nitazene.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(nitazene.substanceClass()).isEqualTo("NITAZENE_OPIOID");
        assertThat(nitazene.expected()).extracting(GroundTruth.Expected::rule)
                .contains(Rule.WATCHLIST_SUBSTANCE, Rule.MISSOLD_SAMPLE, Rule.CROSS_SOURCE_CLUSTER);
        assertThat(truth.events().get(2).expected()).contains(new GroundTruth.Expected(Rule.OVERDOSE_SPIKE, Severity.HIGH));
        assertThat(truth.events().get(3).expected()).containsExactly(new GroundTruth.Expected(Rule.WASTEWATER_RISE, Severity.MODERATE));
        // the wastewater rise is a background sample with three times the load
        var rise = (WastewaterResult) byId.get("wastewater/" + truth.events().get(3).signals().get(0).externalId()).payload();
        var plain = (WastewaterResult) new LoadGenerator(standard(42, 300).withInjections(List.of())).all().stream()
                .filter(s -> s.externalId().equals(rise.externalId())).findFirst().orElseThrow().payload();
        assertThat(rise.measurements().get(0).loadMgPerDayPer1000() / plain.measurements().get(0).loadMgPerDayPer1000()).isBetween(2.9, 3.1);
    }

    @Test
    void shouldRefuseAScenarioItCannotKeepItsPromisesFor() {
        assertThatThrownBy(() -> new LoadGenerator(Scenario.of(START, 30).withCounties(List.of("03", "99"))))
                .hasMessageContaining("unknown county '99'");
        assertThatThrownBy(() -> new LoadGenerator(Scenario.of(START, 30).withInjections(List.of(Injection.of(Injection.Kind.OVERDOSE_CLUSTER, "46", 5)))))
                .hasMessageContaining("needs 11 days of history");
        assertThatThrownBy(() -> new LoadGenerator(Scenario.of(START, 30).withInjections(List.of(
                Injection.of(Injection.Kind.POTENT_OPIOID_SEIZURE, "46", 20).withSubstance("cocaine")))))
                .hasMessageContaining("not on the watchlist");
        assertThatThrownBy(() -> new LoadGenerator(Scenario.of(START, 30).withInjections(List.of(
                Injection.of(Injection.Kind.NITAZENE_APPEARING, "46", 28)))))
                .hasMessageContaining("after the last day");
        assertThatThrownBy(() -> new LoadGenerator(Scenario.of(START, 30).withInjections(List.of(
                Injection.of(Injection.Kind.MISSOLD_BATCH, "03", 10).withSubstance("unobtainium")))))
                .hasMessageContaining("not in the substance catalogue");
    }
}
