package no.rusvarsel.ingest.provider;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.time.Instant;
import java.util.List;

/** A data provider: the source types it may submit and, optionally, the regions it reports for. */
@MappedEntity("provider")
public record Provider(
        @Id String id,
        String name,
        @TypeDef(type = DataType.STRING_ARRAY) List<String> sourceTypes,
        @TypeDef(type = DataType.STRING_ARRAY) List<String> regions,
        @Nullable Integer expectedIntervalMinutes,
        @GeneratedValue(GeneratedValue.Type.AUTO) @Nullable Instant createdAt) {
}
