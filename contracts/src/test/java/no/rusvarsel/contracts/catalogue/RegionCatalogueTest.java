package no.rusvarsel.contracts.catalogue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegionCatalogueTest {

    private static final RegionCatalogue NORWAY = RegionCatalogue.defaultCatalogue();

    @Test
    void shouldHoldTheFifteenCountiesAndThreeHundredFiftySevenMunicipalitiesOf2024() {
        assertThat(NORWAY.country()).isEqualTo("NO");
        assertThat(NORWAY.counties()).hasSize(15);
        assertThat(NORWAY.municipalities()).hasSize(357);
    }

    @Test
    void shouldRollEveryMunicipalityUpToAnExistingCountyWithTheSamePrefix() {
        assertThat(NORWAY.municipalities()).allSatisfy(m -> {
            assertThat(m.code()).matches("\\d{4}");
            assertThat(m.code()).startsWith(m.county());
            assertThat(NORWAY.find(m.county())).get().extracting(Region::level).isEqualTo(Region.Level.COUNTY);
        });
        assertThat(NORWAY.counties()).allSatisfy(c -> assertThat(NORWAY.municipalitiesIn(c.code())).isNotEmpty());
    }

    @Test
    void shouldRollUpWellKnownMunicipalities() {
        assertThat(NORWAY.countyOf("0301")).hasValue("03");
        assertThat(NORWAY.countyOf("4601")).hasValue("46");
        assertThat(NORWAY.find("4601")).map(Region::name).hasValue("Bergen");
        assertThat(NORWAY.countyOf("5001")).hasValue("50");
        assertThat(NORWAY.countyOf("5501")).hasValue("55");
        assertThat(NORWAY.countyOf("46")).hasValue("46");
    }

    @Test
    void shouldNotKnowCodesOutsideTheClassification() {
        assertThat(NORWAY.find("0000")).isEmpty();
        assertThat(NORWAY.find("30")).as("Viken was dissolved in 2024").isEmpty();
        assertThat(NORWAY.countyOf(null)).isEmpty();
    }

    @Test
    void shouldLoadAnotherCountrysClassificationFromAFile(@TempDir Path dir) throws Exception {
        var file = dir.resolve("regions-se.json");
        Files.writeString(file, """
                {"country":"SE","classification":"test","counties":[{"code":"01","name":"Stockholms län"}],
                 "municipalities":[{"code":"0180","name":"Stockholm","county":"01"}]}""");

        var sweden = RegionCatalogue.load(file.toString());

        assertThat(sweden.country()).isEqualTo("SE");
        assertThat(sweden.countyOf("0180")).hasValue("01");
        assertThat(sweden.find("0301")).isEmpty();
    }

    @Test
    void shouldRefuseAMunicipalityOfAnUnknownCounty(@TempDir Path dir) throws Exception {
        var file = dir.resolve("bad.json");
        Files.writeString(file, """
                {"country":"XX","classification":"t","counties":[],"municipalities":[{"code":"9901","name":"X","county":"99"}]}""");

        assertThatThrownBy(() -> RegionCatalogue.load(file.toString())).hasMessageContaining("9901");
    }
}
