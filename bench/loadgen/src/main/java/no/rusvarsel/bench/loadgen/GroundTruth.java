package no.rusvarsel.bench.loadgen;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import no.rusvarsel.contracts.detection.Rule;
import no.rusvarsel.contracts.detection.Severity;

import java.util.List;

/**
 * What a scenario's injected events are and what the analytics should make of them, so a benchmark can count found,
 * missed and late detections, and false alerts in the quiet counties (those without an injected event).
 *
 * @param seed          the scenario's seed
 * @param start         first day (ISO date)
 * @param days          number of days
 * @param scale         target signals per day
 * @param idPrefix      prefix of every external id
 * @param counties      the generated counties
 * @param quietCounties generated counties without an injected event: any alert there (other than PROVIDER_SILENT) is false
 * @param events        the injected events
 */
@Serdeable
public record GroundTruth(long seed, String start, int days, int scale, String idPrefix, List<String> counties,
                          List<String> quietCounties, List<Event> events) {

    /**
     * One injected event.
     *
     * @param index          its position in the scenario's injections
     * @param kind           e.g. {@code NITAZENE_APPEARING}
     * @param county         the county its alerts belong to
     * @param region         the municipality where it happens
     * @param substance      catalogue id of the substance
     * @param substanceClass its class
     * @param firstEventAt   event time ({@code observedAt}) of its earliest signal, ISO instant
     * @param firstSentDay   the day its first signal is sent (arrival order of the generated stream)
     * @param severity       the least severity its alert should reach (the highest of {@code expected})
     * @param expected       the detections the rules should make of it
     * @param signals        its signals (a wastewater rise is one background sample with a raised load)
     */
    @Serdeable
    public record Event(int index, String kind, String county, String region, String substance, String substanceClass,
                        String firstEventAt, String firstSentDay, Severity severity, List<Expected> expected,
                        List<SignalRef> signals) {
    }

    /** A rule that should fire, and the least severity of its detection. */
    @Serdeable
    public record Expected(Rule rule, Severity minSeverity) {
    }

    /** A signal by its ingest identity (per provider and source type). */
    @Serdeable
    public record SignalRef(String sourceType, String externalId, @Nullable String observedAt) {
    }
}
