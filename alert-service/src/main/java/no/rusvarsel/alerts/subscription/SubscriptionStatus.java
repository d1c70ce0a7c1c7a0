package no.rusvarsel.alerts.subscription;

import io.micronaut.serde.annotation.Serdeable;

/** ACTIVE subscriptions get deliveries; DISABLED ones (a receiver answered 410 Gone, or its owner paused it) do not. */
@Serdeable
public enum SubscriptionStatus { ACTIVE, DISABLED }
