package no.rusvarsel.contracts.catalogue;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** A county or a municipality; a municipality names the county it rolls up to. */
@Serdeable
public record Region(String code, String name, Level level, String county, @Nullable List<String> altNames) {

    public enum Level { COUNTY, MUNICIPALITY }

    public Region {
        altNames = altNames == null ? List.of() : List.copyOf(altNames);
    }
}
