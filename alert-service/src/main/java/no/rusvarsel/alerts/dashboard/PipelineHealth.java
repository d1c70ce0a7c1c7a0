package no.rusvarsel.alerts.dashboard;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The pipeline at a glance. Each part is read on its own: a part that could not be read is null and its reason is in
 * {@code errors} (part name → message), so one unreachable service does not blank the page.
 */
@Serdeable
public record PipelineHealth(Instant at,
                             @Nullable IngestRates.Rates ingest,
                             Map<String, ConsumerLag.GroupLag> consumerLag,
                             @Nullable List<AlertPipelineStats.HourCount> detectionsPerHour,
                             @Nullable AlertPipelineStats.Deliveries deliveries,
                             Map<String, String> errors) {
}
