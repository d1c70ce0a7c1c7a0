package no.rusvarsel.alerts.subscription;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.time.Instant;
import java.util.UUID;

/**
 * A person's standing request to be told of matching alerts, through one channel to one target. Deliberately not
 * {@code @Serdeable}: it holds the secrets and is never rendered (the API shows {@link SubscriptionView}).
 *
 * @param owner          the subject of the token that created it
 * @param target         the webhook URL or the e-mail address
 * @param secret         the sealed webhook signing secret (see {@code SecretCipher}); null for e-mail
 * @param previousSecret the sealed secret before the last rotation, still signed with until {@code previousSecretUntil}
 */
@MappedEntity("subscription")
public record Subscription(
        @Id UUID subscriptionId,
        String owner,
        String name,
        Channel channel,
        String target,
        @TypeDef(type = DataType.JSON) SubscriptionFilter filter,
        @Nullable String secret,
        @Nullable String previousSecret,
        @Nullable Instant previousSecretUntil,
        @Nullable Instant secretRotatedAt,
        SubscriptionStatus status,
        @Nullable String disabledReason,
        @Nullable Instant disabledAt,
        Instant createdAt,
        Instant updatedAt) {

    public boolean active() {
        return status == SubscriptionStatus.ACTIVE;
    }

    public Subscription withSecrets(String sealed, @Nullable String previous, @Nullable Instant previousUntil, Instant now) {
        return new Subscription(subscriptionId, owner, name, channel, target, filter, sealed, previous, previousUntil, now,
                status, disabledReason, disabledAt, createdAt, now);
    }

    public Subscription withStatus(SubscriptionStatus newStatus, @Nullable String reason, Instant now) {
        var disabled = newStatus == SubscriptionStatus.DISABLED;
        return new Subscription(subscriptionId, owner, name, channel, target, filter, secret, previousSecret,
                previousSecretUntil, secretRotatedAt, newStatus, disabled ? reason : null, disabled ? now : null,
                createdAt, now);
    }
}
