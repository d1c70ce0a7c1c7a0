package no.rusvarsel.analytics.situation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.LocalDate;
import java.util.List;

/**
 * The answer of {@code GET /api/v1/situation}: the period {@code from}–{@code to} (the last {@code days} days, Norwegian
 * dates, both included), the region asked for (null: every county) and its non-zero counts; a combination not listed is 0.
 *
 * @param smallCountsMasked whether patient-event counts from 1 to 4 are shown as {@code "<5"} to this caller
 */
@Serdeable
public record Situation(@Nullable String region, int days, LocalDate from, LocalDate to, boolean smallCountsMasked,
                        List<SituationCount> counts) {
}
