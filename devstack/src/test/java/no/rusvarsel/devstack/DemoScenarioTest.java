package no.rusvarsel.devstack;

import no.rusvarsel.contracts.catalogue.RegionCatalogue;
import no.rusvarsel.contracts.catalogue.SubstanceCatalogue;
import no.rusvarsel.contracts.signal.DrugCheckingResult;
import no.rusvarsel.contracts.signal.ObservedAt;
import no.rusvarsel.contracts.signal.PatientEvent;
import no.rusvarsel.contracts.signal.SeizureReport;
import no.rusvarsel.contracts.signal.SignalPayload;
import no.rusvarsel.contracts.signal.SourceType;
import no.rusvarsel.contracts.signal.SyringeResult;
import no.rusvarsel.contracts.signal.WastewaterResult;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class DemoScenarioTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 11);
    private static final RegionCatalogue REGIONS = RegionCatalogue.defaultCatalogue();
    private static final SubstanceCatalogue SUBSTANCES = SubstanceCatalogue.defaultCatalogue();

    private final DemoScenario scenario = DemoScenario.build(TODAY);

    @Test
    void isDeterministic() {
        var again = DemoScenario.build(TODAY);
        for (SourceType type : SourceType.values()) {
            assertThat(DemoRunner.toJsonArray(again.bySourceType().get(type)))
                    .isEqualTo(DemoRunner.toJsonArray(scenario.bySourceType().get(type)));
        }
        // another day: the same records (ids) moved in time
        var tomorrow = DemoScenario.build(TODAY.plusDays(1));
        assertThat(ids(tomorrow.drugChecking())).isEqualTo(ids(scenario.drugChecking()));
    }

    @Test
    void coversEverySourceTypeWithARealisticAmount() {
        assertThat(scenario.wastewater()).hasSize(3 * DemoScenario.DAYS);
        assertThat(scenario.drugChecking()).hasSizeBetween(30, 90);
        assertThat(scenario.seizures()).hasSizeGreaterThanOrEqualTo(5);
        assertThat(scenario.patientEvents()).hasSizeGreaterThanOrEqualTo(30);
        assertThat(scenario.syringes()).hasSizeGreaterThanOrEqualTo(4);
        assertThat(scenario.wastewater()).extracting(WastewaterResult::siteId).containsOnly("NO-OSL-VEAS", "NO-BGO-HOLEN", "NO-TRD-HOVRINGEN");
        assertThat(scenario.wastewater().get(0).measurements()).extracting(WastewaterResult.Measurement::substance)
                .contains("benzoylecgonine", "amphetamine", "MDMA");
        assertThat(scenario.drugChecking()).extracting(d -> SUBSTANCES.match(d.components().get(0).substance()).substance().orElseThrow().id())
                .contains("mdma", "cocaine", "amphetamine", "ketamine");
        assertThat(scenario.drugChecking().stream().map(r -> REGIONS.countyOf(r.region()).orElseThrow()).distinct().count())
                .as("counties with drug-checking results").isGreaterThanOrEqualTo(5);
    }

    @Test
    void containsTheInjectedCriticalEvents() {
        var iso = find(scenario.drugChecking(), DemoScenario.ISOTONITAZENE_AS_OXYCODONE);
        assertThat(iso.region()).isEqualTo("0301");
        assertThat(iso.soldAs()).isEqualTo("oxycodone");
        assertThat(iso.components()).extracting(c -> substanceId(c.substance())).contains("isotonitazene");

        var carfentanil = find(scenario.seizures(), DemoScenario.CARFENTANIL_CUSTOMS);
        assertThat(carfentanil.agency()).isEqualTo(SeizureReport.Agency.CUSTOMS);
        assertThat(carfentanil.items()).extracting(i -> substanceId(i.substance())).containsExactly("carfentanil");

        var cluster = scenario.patientEvents().stream().filter(e -> e.externalId().startsWith(DemoScenario.BERGEN_CLUSTER_PREFIX)).toList();
        assertThat(cluster).hasSizeGreaterThanOrEqualTo(3).allSatisfy(e -> assertThat(e.region()).isEqualTo("4601"));
        assertThat(cluster.stream().mapToInt(PatientEvent::count).sum()).isGreaterThanOrEqualTo(10);
        assertThat(cluster).anySatisfy(e -> assertThat(e.confirmedSubstances()).extracting(DemoScenarioTest::substanceId).contains("metonitazene"));
        assertThat(find(scenario.syringes(), DemoScenario.BERGEN_SYRINGES).detected())
                .extracting(d -> substanceId(d.substance())).contains("metonitazene");

        var mdma = find(scenario.drugChecking(), DemoScenario.MDMA_280_MG);
        assertThat(mdma.form()).isEqualTo(DrugCheckingResult.Form.TABLET);
        assertThat(mdma.components()).singleElement().satisfies(c -> {
            assertThat(substanceId(c.substance())).isEqualTo("mdma");
            assertThat(c.amountMg()).isEqualTo(280.0);
        });

        assertThat(scenario.injected()).contains(iso, carfentanil, mdma).containsAll(cluster);
        // the background is not louder than the injected events: no other nitazene or carfentanil
        assertThat(scenario.drugChecking()).filteredOn(d -> d != iso)
                .allSatisfy(d -> assertThat(d.components()).noneMatch(c -> substanceId(c.substance()).equals("isotonitazene")));
    }

    @Test
    void everyRegionIsInTheCatalogueAndEverySubstanceIsRecognised() {
        for (var records : scenario.bySourceType().values()) {
            for (SignalPayload record : records) {
                assertThat(REGIONS.find(record.region())).as("region of %s", record.externalId()).isPresent();
                for (String name : record.reportedSubstances()) {
                    assertThat(SUBSTANCES.match(name).recognised()).as("substance '%s' in %s", name, record.externalId()).isTrue();
                }
            }
        }
    }

    @Test
    void recordsFollowTheContract() {
        var eleven = Pattern.compile("\\d{11}");
        for (SourceType type : SourceType.values()) {
            var records = scenario.bySourceType().get(type);
            assertThat(records).allSatisfy(r -> assertThat(r.sourceType()).isEqualTo(type));
            assertThat(new HashSet<>(ids(records))).as("unique external ids of %s", type).hasSize(records.size());
            for (SignalPayload r : records) {
                assertThat(r.externalId()).hasSizeBetween(1, 128);
                assertThat(r.observedAt()).matches("\\d{4}-\\d{2}-\\d{2}");
                assertThat(ObservedAt.parse(r.observedAt())).isBeforeOrEqualTo(ObservedAt.parse(TODAY.toString()));
                assertThat(ObservedAt.parse(r.observedAt())).isAfter(ObservedAt.parse(TODAY.minusDays(DemoScenario.DAYS + 2).toString()));
            }
            String json = DemoRunner.toJsonArray(records);
            assertThat(json).startsWith("[{\"externalId\":").doesNotContain("\"type\"").doesNotContain("null");
            assertThat(eleven.matcher(json).find()).as("no 11-digit number (looks like a national id) in %s", type).isFalse();
        }
        for (WastewaterResult w : scenario.wastewater()) {
            assertThat(ObservedAt.parse(w.sampleEnd())).isAfter(ObservedAt.parse(w.sampleStart()));
            assertThat(ObservedAt.parse(w.sampleEnd())).isBeforeOrEqualTo(ObservedAt.parse(TODAY.toString()));
            assertThat(w.measurements()).allSatisfy(m -> assertThat(m.concentrationNgPerL()).isGreaterThanOrEqualTo(0));
        }
        for (SyringeResult s : scenario.syringes()) {
            assertThat(s.detected()).allSatisfy(d -> assertThat(d.syringesPositive()).isBetween(0, s.syringeCount()));
        }
        for (PatientEvent e : scenario.patientEvents()) {
            assertThat(e.count()).isGreaterThanOrEqualTo(1);
        }
        String dc = DemoRunner.toJson(find(scenario.drugChecking(), DemoScenario.MDMA_280_MG));
        assertThat(dc).isEqualTo("{\"externalId\":\"DEMO-DC-INJ-MDMA-280MG\",\"region\":\"5001\",\"observedAt\":\"" + TODAY.minusDays(1)
                + "\",\"notes\":\"Orange 'Tesla' tablet\",\"form\":\"TABLET\",\"soldAs\":\"ecstasy\",\"method\":\"GC_MS\",\"confirmed\":true,"
                + "\"components\":[{\"substance\":\"MDMA\",\"amountMg\":280.0}]}");
    }

    private static String substanceId(String name) {
        return SUBSTANCES.match(name).substance().map(s -> s.id()).orElse("?" + name);
    }

    private static List<String> ids(List<? extends SignalPayload> records) {
        return records.stream().map(SignalPayload::externalId).toList();
    }

    private static <T extends SignalPayload> T find(List<T> records, String externalId) {
        return records.stream().filter(r -> r.externalId().equals(externalId)).findFirst().orElseThrow(
                () -> new AssertionError("no record " + externalId));
    }

    @Test
    void shouldTripleTheLatestCocaineLoadInTrondheimsWastewaterAndNowhereElse() {
        var scenario = DemoScenario.build(TODAY);
        var trondheim = scenario.wastewater().stream().filter(w -> w.siteId().equals("NO-TRD-HOVRINGEN")).toList();
        var loads = trondheim.stream().map(w -> w.measurements().stream().filter(m -> m.substance().equals("benzoylecgonine"))
                .findFirst().orElseThrow().loadMgPerDayPer1000()).toList();
        var rise = trondheim.stream().filter(w -> w.externalId().equals(DemoScenario.TRONDHEIM_WASTEWATER_RISE)).findFirst().orElseThrow();
        var riseLoad = rise.measurements().stream().filter(m -> m.substance().equals("benzoylecgonine")).findFirst().orElseThrow()
                .loadMgPerDayPer1000();

        assertThat(scenario.injected()).contains(rise);
        assertThat(riseLoad).isEqualTo(810.0);
        assertThat(loads).filteredOn(l -> l != 810.0).hasSize(trondheim.size() - 1).allSatisfy(l -> assertThat(l).isLessThan(810.0 / 1.5));
    }
}
