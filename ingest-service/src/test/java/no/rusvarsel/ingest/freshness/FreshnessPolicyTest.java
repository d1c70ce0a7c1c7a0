package no.rusvarsel.ingest.freshness;

import no.rusvarsel.contracts.catalogue.RegionCatalogue;
import no.rusvarsel.contracts.detection.Certainty;
import no.rusvarsel.contracts.detection.EpisodeKey;
import no.rusvarsel.contracts.detection.Rule;
import no.rusvarsel.contracts.detection.Severity;
import no.rusvarsel.contracts.signal.SourceType;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FreshnessPolicyTest {

    private static final Instant NOW = Instant.parse("2025-03-02T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Instant CREATED = Instant.parse("2025-01-01T00:00:00Z");

    private final FreshnessPolicy policy = new FreshnessPolicy(Duration.ofHours(24));
    private final SilentProviderDetections detections =
            new SilentProviderDetections(RegionCatalogue.defaultCatalogue(), "03", Severity.MODERATE);

    private static ProviderActivity provider(Integer intervalMinutes, Instant lastSignal, List<String> regions) {
        return new ProviderActivity("lab-1", "Lab one", List.of("drug-checking"), regions, intervalMinutes, CREATED, lastSignal);
    }

    @Test
    void givenASignalWithinItsOwnInterval_whenAssessed_thenNotSilent() {
        var f = policy.assess(provider(60, NOW.minusSeconds(59 * 60), List.of()), CLOCK.instant());

        assertThat(f.silent()).isFalse();
        assertThat(f.expectedIntervalMinutes()).isEqualTo(60);
        assertThat(f.intervalFromProvider()).isTrue();
        assertThat(f.silentSince()).isEqualTo(NOW.plusSeconds(60));
    }

    @Test
    void givenNoSignalForLongerThanItsOwnInterval_whenAssessed_thenSilentSinceLastSignalPlusInterval() {
        var last = NOW.minusSeconds(61 * 60);
        var f = policy.assess(provider(60, last, List.of()), CLOCK.instant());

        assertThat(f.silent()).isTrue();
        assertThat(f.silentSince()).isEqualTo(last.plusSeconds(3600));
        assertThat(f.lastSignalAt()).isEqualTo(last);
    }

    @Test
    void givenNoOwnInterval_whenAssessed_thenTheConfiguredDefaultApplies() {
        var quiet23h = policy.assess(provider(null, NOW.minus(Duration.ofHours(23)), List.of()), CLOCK.instant());
        var quiet25h = policy.assess(provider(null, NOW.minus(Duration.ofHours(25)), List.of()), CLOCK.instant());

        assertThat(quiet23h.silent()).isFalse();
        assertThat(quiet25h.silent()).isTrue();
        assertThat(quiet25h.expectedIntervalMinutes()).isEqualTo(24 * 60);
        assertThat(quiet25h.intervalFromProvider()).isFalse();
    }

    @Test
    void givenAProviderThatNeverSent_whenAssessed_thenItsSilenceCountsFromItsCreation() {
        var f = policy.assess(provider(60, null, List.of()), CLOCK.instant());

        assertThat(f.silent()).isTrue();
        assertThat(f.lastSignalAt()).isNull();
        assertThat(f.silentSince()).isEqualTo(CREATED.plusSeconds(3600));
    }

    @Test
    void givenANonPositiveDefault_whenCreated_thenRefused() {
        assertThatThrownBy(() -> new FreshnessPolicy(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenASilentProviderWithoutRegion_whenMapped_thenAnOperationalDetectionForTheFallbackCountyWithTheProviderAsEvidence() {
        var f = policy.assess(provider(60, NOW.minusSeconds(7200), List.of()), CLOCK.instant());

        var d = detections.of(f, NOW).orElseThrow();

        assertThat(d.rule()).isEqualTo(Rule.PROVIDER_SILENT);
        assertThat(d.rule().family()).isEqualTo(Rule.Family.OPERATIONAL);
        assertThat(d.severity()).isEqualTo(Severity.MODERATE);
        assertThat(d.certainty()).isEqualTo(Certainty.OBSERVED);
        assertThat(d.region()).isEqualTo("03");
        assertThat(d.evidence()).containsExactly("lab-1");
        assertThat(d.sourceTypes()).containsExactly(SourceType.DRUG_CHECKING);
        assertThat(d.summary()).contains("Lab one", "lab-1", "expected interval of 1 hour.");
        assertThat(EpisodeKey.of(detections.countyOf(d), d)).isEqualTo("03|lab-1|OPERATIONAL");
    }

    @Test
    void givenAProviderWithAMunicipality_whenMapped_thenTheDetectionNamesItAndItsCountyKeysTheEpisode() {
        var f = policy.assess(provider(60, NOW.minusSeconds(7200), List.of("4601")), CLOCK.instant());

        var d = detections.of(f, NOW).orElseThrow();

        assertThat(d.region()).isEqualTo("4601");
        assertThat(detections.countyOf(d)).isEqualTo("46");
    }

    @Test
    void givenTheSameSilentSpellCheckedTwice_whenMapped_thenTheDetectionIdIsTheSameAndANewSpellGetsANewId() {
        var last = NOW.minusSeconds(7200);
        var first = detections.of(policy.assess(provider(60, last, List.of()), NOW), NOW).orElseThrow();
        var again = detections.of(policy.assess(provider(60, last, List.of()), NOW.plusSeconds(600)), NOW.plusSeconds(600)).orElseThrow();
        var laterSpell = detections.of(policy.assess(provider(60, NOW, List.of()), NOW.plusSeconds(7200)), NOW.plusSeconds(7200)).orElseThrow();

        assertThat(again.detectionId()).isEqualTo(first.detectionId());
        assertThat(laterSpell.detectionId()).isNotEqualTo(first.detectionId());
    }

    @Test
    void givenAFreshProvider_whenMapped_thenNoDetection() {
        var f = policy.assess(provider(60, NOW, List.of()), CLOCK.instant());

        assertThat(detections.of(f, NOW)).isEmpty();
    }

    @Test
    void givenAFallbackRegionNotInTheCatalogue_whenCreated_thenRefused() {
        assertThatThrownBy(() -> new SilentProviderDetections(RegionCatalogue.defaultCatalogue(), "99", Severity.MODERATE))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
