package no.rusvarsel.contracts.catalogue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubstanceCatalogueTest {

    private static final SubstanceCatalogue CATALOGUE = SubstanceCatalogue.defaultCatalogue();

    private static long count(SubstanceClass c) {
        return CATALOGUE.all().stream().filter(s -> s.substanceClass() == c).count();
    }

    @Test
    void shouldMatchARememberedNameAsTheFirstTimeAndStillMatchBeyondWhatItRemembers() {
        var catalogue = SubstanceCatalogue.of("memo", CATALOGUE.all());
        var first = catalogue.match("Isotonitazen");
        assertThat(catalogue.match("Isotonitazen")).isEqualTo(first);
        assertThat(first.substance().map(Substance::id)).contains("isotonitazene");
        assertThat(first.kind()).isEqualTo(SubstanceMatch.Kind.SYNONYM);
        for (int i = 0; i < SubstanceCatalogue.MAX_REMEMBERED + 10; i++) {
            assertThat(catalogue.match("unknown-" + i).substance()).isEmpty();
        }
        assertThat(catalogue.match("kokain").substance().map(Substance::id)).contains("cocaine");
        assertThat(catalogue.match(null).substance()).isEmpty();
    }

    @Test
    void shouldShipAtLeastEightySubstancesWithTheRequiredClasses() {
        assertThat(CATALOGUE.size()).isGreaterThanOrEqualTo(80);
        assertThat(count(SubstanceClass.NITAZENE_OPIOID)).isGreaterThanOrEqualTo(12);
        assertThat(count(SubstanceClass.FENTANYL_OPIOID)).isGreaterThanOrEqualTo(10);
        assertThat(count(SubstanceClass.DESIGNER_BENZODIAZEPINE)).isGreaterThanOrEqualTo(5);
        assertThat(count(SubstanceClass.SYNTHETIC_CANNABINOID)).isGreaterThanOrEqualTo(5);
        assertThat(CATALOGUE.ids()).contains("isotonitazene", "metonitazene", "protonitazene", "etonitazene",
                "etonitazepyne", "butonitazene", "carfentanil", "fentanyl", "xylazine", "medetomidine", "bromazolam",
                "heroin", "cocaine", "amphetamine", "methamphetamine", "mdma", "ketamine", "cannabis", "ghb");
    }

    @Test
    void shouldWatchEveryNitazeneFentanylAndVeterinarySedative() {
        assertThat(CATALOGUE.all()).filteredOn(s -> s.substanceClass() == SubstanceClass.NITAZENE_OPIOID
                        || s.substanceClass() == SubstanceClass.FENTANYL_OPIOID)
                .allSatisfy(s -> assertThat(s.hazard()).as(s.id()).isEqualTo(Hazard.CRITICAL));
        assertThat(CATALOGUE.byId("xylazine").orElseThrow().hazard().watched()).isTrue();
        assertThat(CATALOGUE.byId("medetomidine").orElseThrow().hazard().watched()).isTrue();
    }

    @Test
    void shouldNotWatchTheCommonDrugsSoAlertsDoNotCryWolf() {
        for (var id : List.of("heroin", "cocaine", "amphetamine", "mdma", "cannabis", "ketamine")) {
            assertThat(CATALOGUE.byId(id).orElseThrow().hazard().watched()).as(id).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Isotonitazene", "isotonitazen", "Isotonitazen", "iso-tonitazene", "ISOTONITAZENE",
            " iso tonitazene ", "Isotonitazène"})
    void shouldMatchIsotonitazeneWhateverTheSpelling(String name) {
        var match = CATALOGUE.match(name);

        assertThat(match.recognised()).isTrue();
        assertThat(match.substance().orElseThrow().id()).isEqualTo("isotonitazene");
    }

    @ParameterizedTest
    @CsvSource({
            "kokain,cocaine", "Cocaine,cocaine", "amfetamin,amphetamine", "metamfetamin,methamphetamine",
            "karfentanil,carfentanil", "xylazin,xylazine", "medetomidin,medetomidine", "N-pyrrolidino etonitazene,etonitazepyne",
            "Etonitazepyne,etonitazepyne", "ecstasy,mdma", "3.4-methylenedioxymethamphetamine,mdma", "α-PVP,alpha-pvp",
            "Bromazolam,bromazolam", "hasj,cannabis"})
    void shouldMatchNorwegianAndEnglishNamesAndVariants(String name, String id) {
        assertThat(CATALOGUE.match(name).substance()).map(Substance::id).hasValue(id);
    }

    @ParameterizedTest
    @CsvSource({"benzoylecgonine,cocaine", "Benzoylekgonin,cocaine", "THC-COOH,cannabis", "norfentanyl,fentanyl",
            "4-hydroxy-xylazine,xylazine", "6-MAM,heroin", "EDDP,methadone"})
    void shouldMapMetabolitesAndWastewaterMarkersToTheirParent(String marker, String parent) {
        var match = CATALOGUE.match(marker);

        assertThat(match.kind()).isEqualTo(SubstanceMatch.Kind.METABOLITE);
        assertThat(match.substance()).map(Substance::id).hasValue(parent);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Zorbulonitazene-9", "blåbærsyltetøy", "", "   ", "---"})
    void shouldCallAMadeUpNameUnrecognised(String name) {
        var match = CATALOGUE.match(name);

        assertThat(match.kind()).isEqualTo(SubstanceMatch.Kind.UNRECOGNISED);
        assertThat(match.substance()).isEmpty();
    }

    @Test
    void shouldTellNameFromSynonymMatches() {
        assertThat(CATALOGUE.match("Carfentanil").kind()).isEqualTo(SubstanceMatch.Kind.NAME);
        assertThat(CATALOGUE.match("karfentanil").kind()).isEqualTo(SubstanceMatch.Kind.SYNONYM);
    }

    @Test
    void shouldRefuseACatalogueWhereTwoSubstancesShareAName() {
        var a = new Substance("a-one", "Alphazine", SubstanceClass.OTHER, Hazard.LOW, List.of("AZ"), List.of(), null);
        var b = new Substance("b-two", "Betazine", SubstanceClass.OTHER, Hazard.LOW, List.of("a-z"), List.of(), null);

        assertThatThrownBy(() -> SubstanceCatalogue.of("test", List.of(a, b)))
                .hasMessageContaining("'az'").hasMessageContaining("a-one").hasMessageContaining("b-two");
    }

    @Test
    void shouldNotGuessWhenALooseSpellingFitsTwoSubstances() {
        var a = new Substance("kat", "Kat", SubstanceClass.OTHER, Hazard.LOW, List.of(), List.of(), null);
        var b = new Substance("cat", "Catt", SubstanceClass.OTHER, Hazard.LOW, List.of(), List.of(), null);
        var catalogue = SubstanceCatalogue.of("test", List.of(a, b));

        assertThat(catalogue.match("kat").substance()).map(Substance::id).hasValue("kat");
        assertThat(catalogue.match("CATT").substance()).map(Substance::id).hasValue("cat");
        assertThat(catalogue.match("katt").recognised()).as("fits Kat and Catt loosely").isFalse();
    }

    @Test
    void shouldCarryTheMdmaTabletThresholdFromTheSpecification() {
        var mdma = CATALOGUE.byId("mdma").orElseThrow();

        assertThat(mdma.thresholds()).isNotNull();
        assertThat(mdma.thresholds().amountMgPerUnit()).isEqualTo(200.0);
    }

    @Test
    void shouldLoadAReplacementCatalogueFromAFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        var file = dir.resolve("substances.json");
        java.nio.file.Files.writeString(file, """
                {"version":"test-1","substances":[{"id":"x-1","name":"Examplazine","class":"OTHER","hazard":"HIGH"}]}""");

        var catalogue = SubstanceCatalogue.load(file.toString());

        assertThat(catalogue.version()).isEqualTo("test-1");
        assertThat(catalogue.match("examplazin").substance()).map(Substance::id).hasValue("x-1");
        assertThat(catalogue.match("isotonitazene").recognised()).isFalse();
    }
}
