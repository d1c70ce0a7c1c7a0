package no.rusvarsel.alerts.alert;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.annotation.Version;
import io.micronaut.data.model.DataType;
import io.micronaut.serde.annotation.Serdeable;
import no.rusvarsel.contracts.alert.AlertStatus;
import no.rusvarsel.contracts.catalogue.SubstanceClass;
import no.rusvarsel.contracts.detection.Certainty;
import no.rusvarsel.contracts.detection.Rule;
import no.rusvarsel.contracts.detection.Severity;

import java.time.Instant;
import java.util.List;

/**
 * One alert episode: the detections about one (county, substance or class, rule family) while it is active.
 *
 * @param region       the most specific region of the first detection (municipality or county)
 * @param regions      every region any of its detections named
 * @param severityRank {@link Severity#ordinal()}, for filtering and sorting in SQL
 * @param sequence     the sequence number of its latest {@link AlertEventRecord}
 */
@Serdeable
@MappedEntity("alert")
public record Alert(
        @Id String alertId,
        String episodeKey,
        AlertStatus status,
        Severity severity,
        int severityRank,
        Certainty certainty,
        String county,
        String region,
        @TypeDef(type = DataType.STRING_ARRAY) List<String> regions,
        @Nullable String substance,
        @Nullable String substanceName,
        @Nullable SubstanceClass substanceClass,
        Rule.Family ruleFamily,
        @TypeDef(type = DataType.STRING_ARRAY) List<String> rules,
        @TypeDef(type = DataType.STRING_ARRAY) List<String> sourceTypes,
        String summary,
        Instant windowStart,
        Instant windowEnd,
        Instant openedAt,
        Instant updatedAt,
        Instant lastDetectedAt,
        @Nullable Instant closedAt,
        long sequence,
        @Version long version) {

    public Alert {
        regions = List.copyOf(regions);
        rules = List.copyOf(rules);
        sourceTypes = List.copyOf(sourceTypes);
    }
}
