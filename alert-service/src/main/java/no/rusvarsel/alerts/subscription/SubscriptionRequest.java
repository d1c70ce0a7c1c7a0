package no.rusvarsel.alerts.subscription;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** The body of {@code POST /api/v1/subscriptions}, as sent: validated by {@link SubscriptionValidator}; unknown fields are refused. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record SubscriptionRequest(@Nullable String name, @Nullable String channel, @Nullable String target,
                                  @Nullable Filter filter) {

    /** The filter as sent: codes and names, any of which may be wrong. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Filter(@Nullable List<String> regions, @Nullable List<String> substanceClasses,
                         @Nullable List<String> substances, @Nullable String minSeverity, @Nullable List<String> rules) {
    }
}
