package no.rusvarsel.alerts.subscription;

import io.micronaut.serde.annotation.Serdeable;

/** How a subscription is told: a signed HTTP POST (Standard Webhooks) or an e-mail over SMTP. */
@Serdeable
public enum Channel { WEBHOOK, EMAIL }
