package no.rusvarsel.alerts.subscription;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A subscription as the API shows it. The webhook signing secret appears only in the answer that created it
 * (creation, rotation): it is never shown again.
 *
 * @param secretRotatedAt when the signing secret was last replaced
 * @param secret          the new signing secret, only in the answer that made it
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SubscriptionView(UUID id, String name, String owner, Channel channel, String target,
                               SubscriptionFilter filter, SubscriptionStatus status, @Nullable String disabledReason,
                               @Nullable Instant disabledAt, Instant createdAt, Instant updatedAt,
                               @Nullable Instant secretRotatedAt,
                               @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String secret) {

    public static SubscriptionView of(Subscription s) {
        return withSecret(s, null);
    }

    public static SubscriptionView withSecret(Subscription s, @Nullable String secret) {
        return new SubscriptionView(s.subscriptionId(), s.name(), s.owner(), s.channel(), s.target(), s.filter(), s.status(),
                s.disabledReason(), s.disabledAt(), s.createdAt(), s.updatedAt(), s.secretRotatedAt(), secret);
    }

    /** One page of subscriptions. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Page(List<SubscriptionView> items, int page, int size, long total) {
    }
}
